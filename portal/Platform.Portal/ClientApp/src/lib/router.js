import { useEffect, useState } from 'react';

// A small history-API router: the portal has a dozen routes and no nested layouts worth a dependency.
const listeners = new Set();

export function navigate(to, { replace = false } = {}) {
  if (replace) window.history.replaceState({}, '', to);
  else window.history.pushState({}, '', to);
  listeners.forEach((l) => l());
  window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => listeners.forEach((l) => l()));

export function useLocation() {
  const [loc, setLoc] = useState(() => ({ path: window.location.pathname, search: window.location.search }));
  useEffect(() => {
    const l = () => setLoc({ path: window.location.pathname, search: window.location.search });
    listeners.add(l);
    return () => listeners.delete(l);
  }, []);
  return loc;
}

/** Matches "/projects/:id/keys" against a path; returns the params or null. */
export function match(pattern, path) {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

export function query(name) {
  return new URLSearchParams(window.location.search).get(name);
}
