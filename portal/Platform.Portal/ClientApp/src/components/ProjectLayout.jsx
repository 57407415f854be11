import { createContext, useContext } from 'react';
import { get } from '../lib/api.js';
import { Link, Loading, ErrorNotice, useLoad } from './ui.jsx';
import { useLocation } from '../lib/router.js';
import { useSession } from '../lib/session.js';

const ProjectContext = createContext(null);
export const useProject = () => useContext(ProjectContext);

const tabs = [
  ['', 'Overview'],
  ['/schema', 'Schema'],
  ['/graphiql', 'GraphiQL'],
  ['/keys', 'API keys'],
  ['/deployments', 'Deployments'],
  ['/settings', 'Settings'],
  ['/usage', 'Usage'],
  ['/audit', 'Audit log'],
];

/** Loads the project once for its pages and shows the project's navigation; the role comes from the team. */
export function ProjectLayout({ projectId, children }) {
  const loc = useLocation();
  const session = useSession();
  const project = useLoad(() => get(`/api/projects/${projectId}`), [projectId]);
  if (project.loading && !project.data) return <Loading label="Loading the project…" />;
  if (project.error) {
    return (
      <>
        <h1 id="page-heading" tabIndex={-1}>Project</h1>
        <ErrorNotice error={project.error} title="The project could not be loaded" onRetry={project.reload} />
      </>
    );
  }
  const p = project.data;
  const role = session.teams.find((t) => t.id === p.teamId)?.role ?? 'viewer';
  const base = `/projects/${projectId}`;
  return (
    <ProjectContext.Provider value={{ project: p, role, reload: project.reload }}>
      <div className="project">
        <p className="breadcrumb"><Link to="/projects">Projects</Link> <span aria-hidden="true">/</span> <span>{p.name}</span></p>
        <nav aria-label="Project" className="subnav">
          <ul>
            {tabs.map(([suffix, label]) => (
              <li key={suffix}>
                <Link to={base + suffix} aria-current={loc.path === base + suffix ? 'page' : undefined}>{label}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="project-body">{children}</div>
      </div>
    </ProjectContext.Provider>
  );
}
