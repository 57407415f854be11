import { useCallback, useEffect, useMemo, useState } from 'react';
import { get } from './lib/api.js';
import { match, useLocation } from './lib/router.js';
import { SessionContext, storedTeam, storeTeam } from './lib/session.js';
import { Shell } from './components/Shell.jsx';
import { Loading, ErrorNotice } from './components/ui.jsx';
import { routes, publicRoutes } from './routes.jsx';
import { Landing } from './pages/Landing.jsx';
import { NotFound } from './pages/NotFound.jsx';

export function App() {
  const loc = useLocation();
  const [user, setUser] = useState(undefined);
  const [me, setMe] = useState(null);
  const [meError, setMeError] = useState(null);
  const [teamId, setTeamId] = useState(storedTeam());

  const loadMe = useCallback(async () => {
    try {
      const u = await fetch('/bff/user', { headers: { 'X-Portal': '1' } });
      if (!u.ok) { setUser(null); return; }
      setUser(await u.json());
      const m = await get('/api/me');
      setMe(m);
      setMeError(null);
    } catch (e) {
      setMeError(e);
    }
  }, []);

  useEffect(() => { loadMe(); }, [loadMe]);
  useEffect(() => {
    const l = () => setUser(null);
    window.addEventListener('portal:unauthenticated', l);
    return () => window.removeEventListener('portal:unauthenticated', l);
  }, []);

  const teams = me?.teams ?? [];
  const team = teams.find((t) => t.id === teamId) ?? teams.find((t) => t.personal) ?? teams[0] ?? null;
  const session = useMemo(() => ({
    user,
    me,
    teams,
    team,
    reloadMe: loadMe,
    switchTeam: (id) => { storeTeam(id); setTeamId(id); },
  }), [user, me, teams, team, loadMe]);

  useEffect(() => {
    // Move focus to the new page's heading so keyboard and screen-reader users start at the top of what changed.
    const h = document.getElementById('page-heading');
    if (h && document.activeElement === document.body) h.focus({ preventScroll: true });
  }, [loc.path]);

  let page = null;
  for (const r of publicRoutes) {
    const params = match(r.path, loc.path);
    if (params) { page = <r.component {...params} />; break; }
  }
  if (!page) {
    if (user === undefined) page = <Loading label="Checking your session…" />;
    else if (user === null) page = <Landing />;
    else if (meError) page = <ErrorNotice error={meError} title="Your account could not be loaded" onRetry={loadMe} />;
    else if (!me) page = <Loading label="Loading your teams…" />;
    else {
      for (const r of routes) {
        const params = match(r.path, loc.path);
        if (params) { page = <r.component key={loc.path} {...params} />; break; }
      }
      page ??= <NotFound />;
    }
  }

  return (
    <SessionContext.Provider value={session}>
      <Shell path={loc.path}>{page}</Shell>
    </SessionContext.Provider>
  );
}
