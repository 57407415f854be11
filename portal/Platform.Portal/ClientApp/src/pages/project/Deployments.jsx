import { useState } from 'react';
import { get, post, items, formatTime } from '../../lib/api.js';
import { atLeast } from '../../lib/session.js';
import { ProjectLayout, useProject } from '../../components/ProjectLayout.jsx';
import { ErrorNotice, Loading, Empty, PageTitle, Table, Secret, CopyButton, useLoad } from '../../components/ui.jsx';
import { LogView } from '../../components/LogView.jsx';

function DeploymentsPage() {
  const { project, role } = useProject();
  const dev = atLeast(role, 'developer');
  const admin = atLeast(role, 'admin');
  const list = useLoad(() => get(`/api/projects/${project.id}/deployments`).then(items), [project.id]);
  const repo = useLoad(() => get(`/api/projects/${project.id}/repository`).catch((e) => (e.status === 404 && e.code === 'NOT_FOUND' ? null : Promise.reject(e))), [project.id]);
  const [selected, setSelected] = useState(null);
  const [error, setError] = useState(null);
  const [secret, setSecret] = useState(null);
  const [busy, setBusy] = useState(false);

  async function redeploy() {
    setBusy(true);
    setError(null);
    try {
      const d = await post(`/api/projects/${project.id}/deployments`, {});
      setSelected(d.id);
      list.reload();
    } catch (e) {
      setError(e.code === 'REPOSITORY_NOT_CONFIGURED' ? { ...e, message: 'Connect a git repository first (New project wizard or the repository API).' } : e);
    } finally {
      setBusy(false);
    }
  }

  async function rotate() {
    setError(null);
    try { setSecret((await post(`/api/projects/${project.id}/repository/webhook-secret`, {})).secret); repo.reload(); } catch (e) { setError(e); }
  }

  return (
    <>
      <PageTitle actions={dev && <button type="button" className="button" onClick={redeploy} disabled={busy}>{busy ? 'Starting…' : 'Deploy now'}</button>}>Deployments</PageTitle>
      <ErrorNotice error={error} title="That did not work" />
      <section aria-labelledby="repo-heading">
        <h2 id="repo-heading">Repository</h2>
        {repo.loading && <Loading />}
        <ErrorNotice error={repo.error} title="The repository could not be loaded" onRetry={repo.reload} />
        {!repo.loading && !repo.error && !repo.data && <Empty title="No repository connected"><p>Deployments apply SQL migrations from a git repository.</p></Empty>}
        {repo.data && (
          <dl className="facts">
            <dt>URL</dt><dd><code>{repo.data.url}</code></dd>
            <dt>Branch</dt><dd>{repo.data.branch}</dd>
            <dt>Folder</dt><dd>{repo.data.folder || '(root)'}</dd>
            <dt>Credentials</dt><dd>{repo.data.hasCredentials ? 'stored (encrypted)' : 'none'}</dd>
            <dt>Webhook URL</dt><dd><code>{repo.data.webhookUrl}</code> <CopyButton text={repo.data.webhookUrl ?? ''} label="Copy webhook URL" /></dd>
            <dt>Webhook secret</dt>
            <dd>
              {repo.data.webhookSecretSet ? 'set' : 'not set'}{' '}
              {admin && <button type="button" className="button small secondary" onClick={rotate}>{repo.data.webhookSecretSet ? 'Rotate secret' : 'Create secret'}</button>}
            </dd>
          </dl>
        )}
        {secret && <div className="notice" role="status"><p>Paste this secret into your git host's webhook settings (content type JSON, push events). It is shown once.</p><Secret label="webhook secret" value={secret} /></div>}
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {list.loading && <Loading />}
        <ErrorNotice error={list.error} title="Deployments could not be loaded" onRetry={list.reload} />
        {list.data && list.data.length === 0 && <Empty title="No deployments yet" />}
        {list.data && list.data.length > 0 && (
          <Table
            caption="Deployments"
            rows={list.data}
            rowKey={(d) => d.id}
            columns={[
              { key: 'createdAt', label: 'Started', render: (d) => formatTime(d.createdAt) },
              { key: 'status', label: 'Status', render: (d) => <span className={`status status-${d.status}`}>{d.status}</span> },
              { key: 'trigger', label: 'Trigger' },
              { key: 'commit', label: 'Commit', render: (d) => (d.commit ? <code>{d.commit.slice(0, 8)}</code> : '—') },
              { key: 'migrations', label: 'Migrations applied', render: (d) => (d.migrationsApplied?.length ? d.migrationsApplied.join(', ') : 'none') },
              { key: 'error', label: 'Error', render: (d) => (d.error ? `${d.error.code}: ${d.error.message}` : '') },
              { key: 'log', label: 'Log', render: (d) => <button type="button" className="button small secondary" aria-pressed={selected === d.id} onClick={() => setSelected(d.id)}>Show log</button> },
            ]}
          />
        )}
      </section>
      {selected && (
        <section aria-labelledby="log-heading">
          <h2 id="log-heading">Log</h2>
          <LogView key={selected} projectId={project.id} deploymentId={selected} onEnd={() => list.reload()} />
        </section>
      )}
    </>
  );
}

export function Deployments({ projectId }) {
  return <ProjectLayout projectId={projectId}><DeploymentsPage /></ProjectLayout>;
}
