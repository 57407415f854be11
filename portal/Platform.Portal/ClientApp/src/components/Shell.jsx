import { useSession } from '../lib/session.js';
import { navigate } from '../lib/router.js';
import { Link } from './ui.jsx';

export function Shell({ path, children }) {
  const session = useSession();
  const signedIn = !!session?.user;
  const navItems = [
    { to: '/projects', label: 'Projects', active: path === '/' || path.startsWith('/projects') },
    { to: '/team', label: 'Team', active: path === '/team' },
    { to: '/account/tokens', label: 'Access tokens', active: path === '/account/tokens' },
  ];
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="topbar">
        <Link to="/" className="brand"><span className="brand-mark" aria-hidden="true">◆</span> Platform</Link>
        {signedIn && session.me && (
          <>
            <div className="team-switcher">
              <label htmlFor="team-switcher">Team</label>
              <select
                id="team-switcher"
                title={session.team?.name}
                value={session.team?.id ?? ''}
                onChange={(e) => { session.switchTeam(e.target.value); navigate('/projects'); }}
              >
                {session.teams.map((t) => <option key={t.id} value={t.id}>{t.name} ({t.role})</option>)}
              </select>
            </div>
            <nav aria-label="Main" className="mainnav">
              <ul>
                {navItems.map((n) => (
                  <li key={n.to}><Link to={n.to} aria-current={n.active ? 'page' : undefined}>{n.label}</Link></li>
                ))}
              </ul>
            </nav>
            <form method="post" action="/bff/logout" className="signout">
              <span className="user-email" title={session.me.email}>{session.me.email}</span>
              <button type="submit" className="button small secondary">Sign out</button>
            </form>
          </>
        )}
        {session?.user === null && (
          <div className="signin-links">
            <a className="button small" href={`/bff/login?returnUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`}>Sign in</a>
            <Link className="button small secondary" to="/signup">Sign up</Link>
          </div>
        )}
      </header>
      {signedIn && session.me && session.me.emailConfirmed === false && (
        <p className="banner" role="status">Confirm your email address: we sent a link to {session.me.email}.</p>
      )}
      <main id="main" tabIndex={-1}>{children}</main>
    </>
  );
}
