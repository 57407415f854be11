import { useState } from 'react';
import { get, post, del, items, formatTime } from '../lib/api.js';
import { Field, ErrorNotice, Loading, Empty, PageTitle, Table, Secret, useLoad } from '../components/ui.jsx';

export function Tokens() {
  const list = useLoad(() => get('/api/tokens').then(items), []);
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [errors, setErrors] = useState({});
  const [error, setError] = useState(null);
  const [created, setCreated] = useState(null);

  async function create(e) {
    e.preventDefault();
    const local = {};
    if (!name.trim()) local.name = 'Give the token a name, such as "CI deploys".';
    const d = Number(days);
    if (!Number.isInteger(d) || d < 1 || d > 365) local.days = 'Between 1 and 365 days.';
    setErrors(local);
    if (Object.keys(local).length) return;
    setError(null);
    try {
      const expiresAt = new Date(Date.now() + d * 86400000).toISOString();
      setCreated(await post('/api/tokens', { name, expiresAt }));
      setName('');
      list.reload();
    } catch (ex) {
      setError(ex);
    }
  }

  return (
    <>
      <PageTitle>Personal access tokens</PageTitle>
      <p className="muted">For scripts and CI: a token acts as you, with your roles, until it expires or you revoke it.</p>
      <form onSubmit={create} className="inline-form" noValidate>
        <Field label="Token name" error={errors.name}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Expires in (days)" help="At most 365." error={errors.days}>
          {(p) => <input {...p} type="number" min="1" max="365" value={days} onChange={(e) => setDays(e.target.value)} />}
        </Field>
        <button className="button" type="submit">Create token</button>
      </form>
      <ErrorNotice error={error} title="The token was not created" />
      {created && (
        <div className="notice" role="status">
          <p>Copy the token now: it is shown only once.</p>
          <Secret label="token" value={created.token} />
        </div>
      )}
      {list.loading && <Loading />}
      <ErrorNotice error={list.error} title="Tokens could not be loaded" onRetry={list.reload} />
      {list.data && list.data.length === 0 && <Empty title="No tokens yet"><p>Create one above for a script or CI job.</p></Empty>}
      {list.data && list.data.length > 0 && (
        <Table
          caption="Personal access tokens"
          rows={list.data}
          rowKey={(t) => t.id}
          columns={[
            { key: 'name', label: 'Name' },
            { key: 'prefix', label: 'Starts with', render: (t) => <code>{t.prefix}…</code> },
            { key: 'expiresAt', label: 'Expires', render: (t) => formatTime(t.expiresAt) },
            { key: 'lastUsedAt', label: 'Last used', render: (t) => (t.lastUsedAt ? formatTime(t.lastUsedAt) : 'never') },
            {
              key: 'x',
              label: 'Actions',
              render: (t) => (t.revokedAt ? `revoked ${formatTime(t.revokedAt)}` : (
                <button type="button" className="button small danger" onClick={async () => { try { await del(`/api/tokens/${t.id}`); list.reload(); } catch (ex) { setError(ex); } }}>
                  Revoke {t.name}
                </button>
              )),
            },
          ]}
        />
      )}
    </>
  );
}
