import { createContext, useContext } from 'react';

export const SessionContext = createContext(null);

export function useSession() {
  return useContext(SessionContext);
}

const TEAM_KEY = 'portal.team';

export function storedTeam() {
  try { return window.localStorage.getItem(TEAM_KEY); } catch { return null; }
}

export function storeTeam(id) {
  try { window.localStorage.setItem(TEAM_KEY, id); } catch { /* private mode: the choice lasts for this page */ }
}

export const roleRank = { viewer: 0, developer: 1, admin: 2, owner: 3 };

export function atLeast(role, wanted) {
  return (roleRank[role] ?? -1) >= roleRank[wanted];
}
