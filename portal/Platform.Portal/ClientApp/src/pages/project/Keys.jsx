import { useState } from 'react';
import { get, post, del, items, formatTime } from '../../lib/api.js';
import { atLeast } from '../../lib/session.js';
import { rememberKey, forgetKey } from '../../lib/keyring.js';
import { ProjectLayout, useProject } from '../../components/ProjectLayout.jsx';
import { Field, ErrorNotice, Loading, Empty, PageTitle, Table, Secret, useLoad } from '../../components/ui.jsx';

function KeysPage() {
  const { project, role } = useProject();
  const canWrite = atLeast(role, 'developer');
  const [showRevoked, setShowRevoked] = useState(false);
  const list = useLoad(() => get(`/api/projects/${project.id}/keys${showRevoked ? '?includeRevoked=true' : ''}`).then(items), [project.id, showRevoked]);
  const [form, setForm] = useState({ name: '', role: 'anon' });
  const [errors, setErrors] = useState({});
  const [error, setError] = useState(null);
  const [created, setCreated] = useState(null);

  async function create(e) {
    e.preventDefault();
    if (!form.name.trim()) { setErrors({ name: 'Name the key after where it is used, such as "web app".' }); return; }
    setErrors({});
    setError(null);
    try {
      const k = await post(`/api/projects/${project.id}/keys`, form);
      rememberKey(project.id, k);
      setCreated(k);
      setForm({ name: '', role: 'anon' });
      list.reload();
    } catch (ex) {
      if (ex.code === 'VALIDATION_FAILED') setErrors(Object.fromEntries(Object.entries(ex.fieldErrors).map(([k, v]) => [k, v.join(' ')])));
      else setError(ex);
    }
  }

  async function revoke(k) {
    setError(null);
    try {
      await del(`/api/projects/${project.id}/keys/${k.id}`);
      forgetKey(project.id, k.id);
      list.reload();
    } catch (ex) {
      setError(ex);
    }
  }

  return (
    <>
      <PageTitle>API keys</PageTitle>
      <p className="muted">Apps send a key in <code>X-Api-Key</code>. Revoked keys stop working within seconds everywhere.</p>
      {canWrite ? (
        <form onSubmit={create} className="inline-form" noValidate aria-label="Create key">
          <Field label="Key name" error={errors.name}>
            {(p) => <input {...p} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
          </Field>
          <Field label="Role" help="anon: GraphQL as the anonymous role (browsers). service: owner role and /sql (servers)." error={errors.role}>
            {(p) => (
              <select {...p} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
                <option value="anon">anon</option>
                <option value="service">service</option>
              </select>
            )}
          </Field>
          <button className="button" type="submit">Create key</button>
        </form>
      ) : (
        <p className="notice" role="note">You are a {role} in this team: you can see keys but not create or revoke them.</p>
      )}
      <ErrorNotice error={error} title="The key change failed" />
      {created && (
        <div className="notice" role="status">
          <p>Copy the key now: it is shown only once. It is also available in GraphiQL until you reload.</p>
          <Secret label={`${created.role} key`} value={created.key} />
        </div>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} /> Show revoked keys
      </label>
      {list.loading && <Loading />}
      <ErrorNotice error={list.error} title="Keys could not be loaded" onRetry={list.reload} />
      {list.data && list.data.length === 0 && <Empty title="No keys"><p>{canWrite ? 'Create a key above to call the API.' : 'A developer of this team can create one.'}</p></Empty>}
      {list.data && list.data.length > 0 && (
        <Table
          caption="API keys"
          rows={list.data}
          rowKey={(k) => k.id}
          columns={[
            { key: 'name', label: 'Name' },
            { key: 'role', label: 'Role' },
            { key: 'prefix', label: 'Starts with', render: (k) => <code>{k.prefix}…</code> },
            { key: 'createdAt', label: 'Created', render: (k) => formatTime(k.createdAt) },
            { key: 'lastUsedAt', label: 'Last used', render: (k) => (k.lastUsedAt ? formatTime(k.lastUsedAt) : 'never') },
            {
              key: 'x',
              label: 'Status',
              render: (k) => (k.revokedAt ? <span className="status status-failed">revoked</span>
                : canWrite ? <button type="button" className="button small danger" onClick={() => revoke(k)}>Revoke {k.name}</button>
                  : <span className="status status-succeeded">active</span>),
            },
          ]}
        />
      )}
    </>
  );
}

export function Keys({ projectId }) {
  return <ProjectLayout projectId={projectId}><KeysPage /></ProjectLayout>;
}
