import { useState } from 'react';
import { get, formatTime } from '../../lib/api.js';
import { ProjectLayout, useProject } from '../../components/ProjectLayout.jsx';
import { ErrorNotice, Loading, Empty, PageTitle, Table, Field } from '../../components/ui.jsx';
import { useEffect } from 'react';

const actions = ['', 'project.created', 'project.updated', 'settings.changed', 'connection.changed', 'repository.changed', 'webhook-secret.rotated', 'key.created', 'key.revoked', 'deployment.started', 'deployment.succeeded', 'deployment.failed'];

function AuditPage() {
  const { project } = useProject();
  const [action, setAction] = useState('');
  const [pages, setPages] = useState([]);
  const [cursor, setCursor] = useState(null);
  const [error, setError] = useState(null);
  const [loading, setLoading] = useState(true);

  async function load(after, reset) {
    setLoading(true);
    setError(null);
    try {
      const q = new URLSearchParams({ limit: '50' });
      if (action) q.append('action', action);
      if (after) q.set('cursor', after);
      const r = await get(`/api/projects/${project.id}/audit?${q}`);
      setPages((p) => (reset ? r.items : [...p, ...r.items]));
      setCursor(r.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => { load(null, true); }, [project.id, action]);

  return (
    <>
      <PageTitle>Audit log</PageTitle>
      <div className="inline-form">
        <Field label="Action">
          {(p) => (
            <select {...p} value={action} onChange={(e) => setAction(e.target.value)}>
              {actions.map((a) => <option key={a} value={a}>{a || 'All actions'}</option>)}
            </select>
          )}
        </Field>
      </div>
      <ErrorNotice error={error} title="The audit log could not be loaded" onRetry={() => load(null, true)} />
      {!loading && !error && pages.length === 0 && <Empty title="Nothing recorded yet" />}
      {pages.length > 0 && (
        <Table
          caption="Audit log"
          rows={pages}
          rowKey={(a) => a.id}
          columns={[
            { key: 'at', label: 'When', render: (a) => formatTime(a.at) },
            { key: 'actor', label: 'Who', render: (a) => `${a.actor?.name ?? a.actor?.id ?? '—'} (${a.actor?.type ?? '?'})` },
            { key: 'action', label: 'Action', render: (a) => <code>{a.action}</code> },
            { key: 'target', label: 'Target', render: (a) => (a.target ? `${a.target.type} ${a.target.name ?? a.target.id}` : '—') },
            { key: 'details', label: 'Details', render: (a) => (a.details && Object.keys(a.details).length ? <code className="details">{JSON.stringify(a.details)}</code> : '') },
          ]}
        />
      )}
      {loading && <Loading />}
      {cursor && !loading && <button type="button" className="button secondary" onClick={() => load(cursor, false)}>Load older entries</button>}
    </>
  );
}

export function Audit({ projectId }) {
  return <ProjectLayout projectId={projectId}><AuditPage /></ProjectLayout>;
}
