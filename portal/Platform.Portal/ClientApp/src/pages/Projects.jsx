import { get, items, formatTime } from '../lib/api.js';
import { useSession, atLeast } from '../lib/session.js';
import { Link, Loading, ErrorNotice, Empty, PageTitle, useLoad } from '../components/ui.jsx';

export function Projects() {
  const { team } = useSession();
  const list = useLoad(() => (team ? get(`/api/teams/${team.id}/projects`).then(items) : Promise.resolve([])), [team?.id]);
  const canCreate = team && atLeast(team.role, 'developer');
  return (
    <>
      <PageTitle actions={canCreate && <Link className="button" to="/projects/new">New project</Link>}>Projects</PageTitle>
      {team && <p className="muted">In <strong>{team.name}</strong>, where you are {team.role}.</p>}
      {list.loading && <Loading label="Loading projects…" />}
      <ErrorNotice error={list.error} title="Projects could not be loaded" onRetry={list.reload} />
      {list.data && list.data.length === 0 && (
        <Empty title="No projects yet">
          {canCreate
            ? <p>Create one: connect your PostgreSQL and get an API in a few minutes. <Link to="/projects/new">Create a project</Link></p>
            : <p>Ask an admin of this team for a project, or for the developer role.</p>}
        </Empty>
      )}
      {list.data && list.data.length > 0 && (
        <ul className="cards">
          {list.data.map((p) => (
            <li key={p.id} className="card">
              <h2><Link to={`/projects/${p.id}`}>{p.name}</Link></h2>
              <p className="muted">Created {formatTime(p.createdAt)}</p>
              <p>Last deployment: {p.lastDeployment ? <span className={`status status-${p.lastDeployment.status}`}>{p.lastDeployment.status}</span> : 'none'}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
