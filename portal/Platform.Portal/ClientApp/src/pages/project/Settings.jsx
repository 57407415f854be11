import { useEffect, useState } from 'react';
import { api } from '../../lib/api.js';
import { atLeast } from '../../lib/session.js';
import { ProjectLayout, useProject } from '../../components/ProjectLayout.jsx';
import { ErrorNotice, Loading, PageTitle, Field } from '../../components/ui.jsx';
import { numberFields, identifier, getPath, setPath } from './settingsFields.js';

const list = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);

function toForm(doc) {
  const f = {
    exposedSchemas: (doc.exposedSchemas ?? []).join(', '),
    anonymousRole: doc.anonymousRole ?? '',
    ownerRole: doc.ownerRole ?? '',
    allowedRoles: (doc.allowedRoles ?? []).join(', '),
    jwtEnabled: !!doc.jwt,
    jwtSecret: '',
    jwtAlgorithm: doc.jwt?.algorithm ?? 'HS256',
    jwtPublicKey: doc.jwt?.publicKey ?? '',
    jwtAudience: doc.jwt?.audience ?? '',
    jwtTokenType: doc.jwt?.tokenType ?? '',
    jwtRoleClaim: doc.jwt?.roleClaim ?? '',
    ownsDatabaseServer: !!doc.ownsDatabaseServer,
    sqlAllowEndUserTokens: !!doc.sql?.allowEndUserTokens,
    corsAllowedOrigins: doc.cors?.allowedOrigins ? doc.cors.allowedOrigins.join(', ') : '',
  };
  for (const n of numberFields) f[n.path] = getPath(doc, n.path)?.toString() ?? '';
  return f;
}

function validate(f) {
  const e = {};
  for (const s of list(f.exposedSchemas)) if (!identifier.test(s)) e.exposedSchemas = `"${s}" is not a schema name.`;
  for (const k of ['anonymousRole', 'ownerRole']) if (f[k] && !identifier.test(f[k])) e[k] = 'Use a PostgreSQL role name (letters, digits, underscores).';
  for (const r of list(f.allowedRoles)) if (!identifier.test(r)) e.allowedRoles = `"${r}" is not a role name.`;
  for (const n of numberFields) {
    if (f[n.path] === '') continue;
    const v = Number(f[n.path]);
    if (!Number.isInteger(v) || v < n.min || v > n.max) e[n.path] = `Must be a whole number between ${n.min} and ${n.max}.`;
  }
  if (f.jwtEnabled && f.jwtAlgorithm !== 'HS256' && !f.jwtPublicKey.trim()) e['jwt.publicKey'] = `${f.jwtAlgorithm} needs the PEM public key.`;
  for (const o of list(f.corsAllowedOrigins)) {
    if (o !== '*' && !/^https?:\/\/[^/\s]+$/.test(o)) e['cors.allowedOrigins'] = `"${o}" is not an origin: use scheme://host[:port] with no path, or *.`;
  }
  if (f.jwtEnabled && f.jwtTokenType && f.jwtAlgorithm !== 'HS256') e['jwt.tokenType'] = 'Minting tokens needs HS256 and a secret.';
  return e;
}

function toDocument(f) {
  let d = {};
  if (f.exposedSchemas.trim()) d.exposedSchemas = list(f.exposedSchemas);
  if (f.anonymousRole) d.anonymousRole = f.anonymousRole;
  if (f.ownerRole) d.ownerRole = f.ownerRole;
  if (f.allowedRoles.trim()) d.allowedRoles = list(f.allowedRoles);
  if (f.jwtEnabled) {
    const jwt = { algorithm: f.jwtAlgorithm };
    if (f.jwtSecret) jwt.secret = f.jwtSecret;
    if (f.jwtPublicKey.trim()) jwt.publicKey = f.jwtPublicKey;
    if (f.jwtAudience) jwt.audience = f.jwtAudience;
    if (f.jwtTokenType) jwt.tokenType = f.jwtTokenType;
    if (f.jwtRoleClaim) jwt.roleClaim = f.jwtRoleClaim;
    d.jwt = jwt;
  }
  if (f.ownsDatabaseServer) d.ownsDatabaseServer = true;
  if (f.sqlAllowEndUserTokens) d.sql = { allowEndUserTokens: true };
  if (f.corsAllowedOrigins.trim()) d.cors = { allowedOrigins: list(f.corsAllowedOrigins) };
  for (const n of numberFields) if (f[n.path] !== '') d = setPath(d, n.path, Number(f[n.path]));
  return d;
}

function SettingsPage() {
  const { project, role } = useProject();
  const canWrite = atLeast(role, 'developer');
  const [state, setState] = useState({ loading: true });
  const [form, setForm] = useState(null);
  const [errors, setErrors] = useState({});
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  async function load() {
    setState({ loading: true });
    try {
      const r = await api(`/api/projects/${project.id}/settings`);
      setState({ etag: r.headers.get('ETag'), secretSet: r.headers.get('X-Jwt-Secret-Set') === 'true' });
      setForm(toForm(r.data ?? {}));
    } catch (e) {
      setState({ error: e });
    }
  }
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => { load(); }, [project.id]);

  async function save(e) {
    e.preventDefault();
    setSaved(false);
    setError(null);
    const local = validate(form);
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const r = await api(`/api/projects/${project.id}/settings`, { method: 'PUT', body: toDocument(form), headers: { 'If-Match': state.etag ?? '' } });
      setState((s) => ({ ...s, etag: r.headers.get('ETag') }));
      setForm(toForm(r.data ?? {}));
      setSaved(true);
    } catch (ex) {
      if (ex.code === 'VALIDATION_FAILED') setErrors(Object.fromEntries(Object.entries(ex.fieldErrors).map(([k, v]) => [k, v.join(' ')])));
      else if (ex.code === 'STALE_ETAG') setError({ ...ex, message: 'Someone changed the settings since you opened them. Reload to see their version; nothing was saved.' });
      else setError(ex);
    } finally {
      setBusy(false);
    }
  }

  if (state.loading) return <><PageTitle>Settings</PageTitle><Loading /></>;
  if (state.error) return <><PageTitle>Settings</PageTitle><ErrorNotice error={state.error} title="Settings could not be loaded" onRetry={load} /></>;
  const text = (path, label, help, extra = {}) => (
    <Field label={label} help={help} error={errors[path]}>
      {(p) => <input {...p} {...extra} disabled={!canWrite} value={form[path] ?? ''} onChange={(e) => setForm({ ...form, [path]: e.target.value })} />}
    </Field>
  );
  const jwt = (key, path, label, help, extra) => (
    <Field label={label} help={help} error={errors[path]}>
      {(p) => <input {...p} {...extra} disabled={!canWrite} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />}
    </Field>
  );
  return (
    <>
      <PageTitle>Settings</PageTitle>
      {!canWrite && <p className="notice" role="note">You are a {role}: settings are read-only for you.</p>}
      <form onSubmit={save} noValidate className="settings">
        <fieldset>
          <legend>API and roles</legend>
          {text('exposedSchemas', 'Exposed schemas', 'Comma-separated schemas whose tables, views and functions become the API. Default: public.')}
          {text('anonymousRole', 'Anonymous role', 'PostgreSQL role for anon-key requests without an end-user JWT. Empty: the connection\'s role.')}
          {text('ownerRole', 'Owner role', 'PostgreSQL role for service-key requests. Empty: the connection\'s role.')}
          {text('allowedRoles', 'Allowed JWT roles', 'Comma-separated roles an end-user JWT may name; any other role is refused.')}
        </fieldset>
        <fieldset>
          <legend>End-user JWT</legend>
          <label className="checkbox">
            <input type="checkbox" disabled={!canWrite} checked={form.jwtEnabled} onChange={(e) => setForm({ ...form, jwtEnabled: e.target.checked })} /> Verify end-user JWTs
          </label>
          {form.jwtEnabled && (
            <>
              {jwt('jwtSecret', 'jwt.secret', 'Secret', state.secretSet ? 'A secret is stored (encrypted). Leave empty to keep it; type to replace it.' : 'HS256 secret used to verify and mint tokens. Stored encrypted, never shown.', { type: 'password', autoComplete: 'off' })}
              <Field label="Algorithm" help="HS256 (shared secret), RS256 or ES256 (public key)." error={errors['jwt.algorithm']}>
                {(p) => (
                  <select {...p} disabled={!canWrite} value={form.jwtAlgorithm} onChange={(e) => setForm({ ...form, jwtAlgorithm: e.target.value })}>
                    <option>HS256</option><option>RS256</option><option>ES256</option>
                  </select>
                )}
              </Field>
              <Field label="Public key (PEM)" help="For RS256 and ES256." error={errors['jwt.publicKey']}>
                {(p) => <textarea {...p} disabled={!canWrite} rows={4} className="mono" value={form.jwtPublicKey} onChange={(e) => setForm({ ...form, jwtPublicKey: e.target.value })} />}
              </Field>
              {jwt('jwtAudience', 'jwt.audience', 'Audience', 'Required aud claim when set.')}
              {jwt('jwtTokenType', 'jwt.tokenType', 'Token type', 'Composite type (schema.type) whose values a function returns to mint a JWT.')}
              {jwt('jwtRoleClaim', 'jwt.roleClaim', 'Role claim', 'Claim that names the PostgreSQL role. Default: role.')}
            </>
          )}
        </fieldset>
        <fieldset>
          <legend>SQL over HTTP and browsers</legend>
          <label className="checkbox">
            <input type="checkbox" disabled={!canWrite} checked={form.sqlAllowEndUserTokens} onChange={(e) => setForm({ ...form, sqlAllowEndUserTokens: e.target.checked })} aria-describedby="sql-help" /> Allow anon keys on /sql with an end-user JWT
          </label>
          <p className="help" id="sql-help">Each statement then runs as the token's role, so row-level security decides. Off by default.</p>
          <Field label="Allowed browser origins" help="Comma-separated origins (https://app.example.com) that may call the endpoints from a browser. Empty or *: any origin, without credentials." error={errors['cors.allowedOrigins']}>
            {(p) => <input {...p} disabled={!canWrite} value={form.corsAllowedOrigins} onChange={(e) => setForm({ ...form, corsAllowedOrigins: e.target.value })} />}
          </Field>
          <label className="checkbox">
            <input type="checkbox" disabled={!canWrite} checked={form.ownsDatabaseServer} onChange={(e) => setForm({ ...form, ownsDatabaseServer: e.target.checked })} aria-describedby="owns-help" /> This project owns its database server
          </label>
          <p className="help" id="owns-help">Nothing else lives on the server, so the login may keep cluster-wide rights such as CREATEROLE (a warning is logged).</p>
        </fieldset>
        <fieldset>
          <legend>Pool and timeouts</legend>
          {numberFields.filter((n) => !n.path.startsWith('limits.')).map((n) => <div key={n.path}>{text(n.path, n.label, n.help, { type: 'number', min: n.min, max: n.max, inputMode: 'numeric' })}</div>)}
        </fieldset>
        <fieldset>
          <legend>Gateway limits</legend>
          {numberFields.filter((n) => n.path.startsWith('limits.')).map((n) => <div key={n.path}>{text(n.path, n.label, n.help, { type: 'number', min: n.min, max: n.max, inputMode: 'numeric' })}</div>)}
        </fieldset>
        {Object.keys(errors).filter((k) => !(k in form) && !k.startsWith('jwt.')).map((k) => (
          <p key={k} className="field-error" role="alert">{k}: {errors[k]}</p>
        ))}
        <ErrorNotice error={error} title="Settings were not saved" />
        {saved && <p className="notice notice-ok" role="status">Saved. The gateways and the data plane use the new settings now.</p>}
        {canWrite && <button type="submit" className="button" disabled={busy}>{busy ? 'Saving…' : 'Save settings'}</button>}
      </form>
    </>
  );
}

export function Settings({ projectId }) {
  return <ProjectLayout projectId={projectId}><SettingsPage /></ProjectLayout>;
}
