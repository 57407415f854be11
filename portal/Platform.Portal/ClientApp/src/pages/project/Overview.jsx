import { get, formatTime } from '../../lib/api.js';
import { ProjectLayout, useProject } from '../../components/ProjectLayout.jsx';
import { ErrorNotice, Loading, PageTitle, CopyButton, Link, useLoad } from '../../components/ui.jsx';

function Endpoint({ label, url }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{url ? <><code>{url}</code> <CopyButton text={url} label={`Copy ${label} URL`} /></> : '—'}</dd>
    </>
  );
}

function OverviewPage() {
  const { project } = useProject();
  const conn = useLoad(() => get(`/api/projects/${project.id}/connection`), [project.id]);
  const d = project.lastDeployment;
  return (
    <>
      <PageTitle>{project.name}</PageTitle>
      <div className="grid-2">
        <section aria-labelledby="ep-heading" className="panel">
          <h2 id="ep-heading">Endpoints</h2>
          <dl className="facts">
            <Endpoint label="GraphQL" url={project.endpoints?.graphql} />
            <Endpoint label="SQL over HTTP" url={project.endpoints?.sql} />
            <Endpoint label="WebSocket" url={project.endpoints?.websocket} />
          </dl>
          <p><Link to={`/projects/${project.id}/graphiql`}>Try it in GraphiQL</Link> · <Link to={`/projects/${project.id}/keys`}>Manage keys</Link></p>
        </section>
        <section aria-labelledby="db-heading" className="panel">
          <h2 id="db-heading">Database</h2>
          {conn.loading && <Loading />}
          <ErrorNotice error={conn.error} title="The connection could not be loaded" onRetry={conn.reload} />
          {conn.data && (
            <dl className="facts">
              <dt>Connection</dt><dd><code>{conn.data.masked}</code></dd>
              <dt>Server</dt><dd>PostgreSQL {conn.data.serverVersion ?? '?'}</dd>
              <dt>Last checked</dt><dd>{formatTime(conn.data.checkedAt)}</dd>
            </dl>
          )}
        </section>
        <section aria-labelledby="dep-heading" className="panel">
          <h2 id="dep-heading">Last deployment</h2>
          {d ? (
            <dl className="facts">
              <dt>Status</dt><dd><span className={`status status-${d.status}`}>{d.status}</span></dd>
              <dt>When</dt><dd>{formatTime(d.finishedAt ?? d.createdAt)}</dd>
              <dt>Migrations</dt><dd>{d.migrationsApplied?.length ? d.migrationsApplied.join(', ') : 'none new'}</dd>
              {d.error && (<><dt>Error</dt><dd>{d.error.code}: {d.error.message}</dd></>)}
            </dl>
          ) : <p>No deployment yet. <Link to={`/projects/${project.id}/deployments`}>Deployments</Link></p>}
        </section>
        <section aria-labelledby="schema-heading" className="panel">
          <h2 id="schema-heading">Schema</h2>
          <p>Browse tables, relations and functions in the <Link to={`/projects/${project.id}/schema`}>schema explorer</Link>.</p>
          <p className="muted">Created {formatTime(project.createdAt)} · updated {formatTime(project.updatedAt)}</p>
        </section>
      </div>
    </>
  );
}

export function Overview({ projectId }) {
  return <ProjectLayout projectId={projectId}><OverviewPage /></ProjectLayout>;
}
