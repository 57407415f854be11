import { useState } from 'react';
import { post, put } from '../lib/api.js';
import { useSession, atLeast } from '../lib/session.js';
import { rememberKey } from '../lib/keyring.js';
import { connectionMessage } from '../lib/connectionErrors.js';
import { Field, ErrorNotice, PageTitle, Link, Secret } from '../components/ui.jsx';
import { LogView } from '../components/LogView.jsx';
import { Snippets } from '../components/Snippets.jsx';

const steps = ['Name', 'Database', 'Git repository', 'Deployment', 'Keys'];
const namePattern = /^[a-z][a-z0-9-]{1,62}$/;

export function NewProject() {
  const { team } = useSession();
  const [step, setStep] = useState(0);
  const [name, setName] = useState('');
  const [conn, setConn] = useState('');
  const [repo, setRepo] = useState({ url: '', branch: 'main', folder: '', username: '', password: '' });
  const [errors, setErrors] = useState({});
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(null);
  const [check, setCheck] = useState(null);
  const [project, setProject] = useState(null);
  const [deployment, setDeployment] = useState(null);
  const [deployEnd, setDeployEnd] = useState(null);
  const [keys, setKeys] = useState(null);

  if (!team || !atLeast(team.role, 'developer')) {
    return (
      <>
        <PageTitle>New project</PageTitle>
        <p>You need the developer role in {team?.name ?? 'a team'} to create projects.</p>
      </>
    );
  }

  async function run(label, fn) {
    setBusy(label);
    setError(null);
    try { await fn(); } catch (e) { setError(e); } finally { setBusy(null); }
  }

  function nextFromName(e) {
    e.preventDefault();
    if (!namePattern.test(name)) {
      setErrors({ name: 'Use 2 to 63 lowercase letters, digits or dashes, starting with a letter (for example "shop-api").' });
      return;
    }
    setErrors({});
    setStep(1);
  }

  const checkConnection = () => run('Checking the connection…', async () => {
    setCheck(null);
    setErrors({});
    try {
      setCheck(await post(`/api/teams/${team.id}/connection-check`, { connectionString: conn }));
    } catch (e) {
      if (e.status === 422 || e.code === 'VALIDATION_FAILED') setErrors({ connectionString: connectionMessage(e) });
      else throw e;
    }
  });

  const createProject = (e) => {
    e.preventDefault();
    run('Creating the project…', async () => {
      setErrors({});
      try {
        const p = await post(`/api/teams/${team.id}/projects`, { name, connectionString: conn });
        setProject(p);
        setStep(2);
      } catch (ex) {
        if (ex.code === 'PROJECT_NAME_TAKEN') { setErrors({ name: 'A project with this name already exists in this team. Choose another name.' }); setStep(0); }
        else if (ex.status === 422 || ex.code === 'VALIDATION_FAILED') {
          if (ex.fieldErrors?.name) { setErrors({ name: ex.fieldErrors.name.join(' ') }); setStep(0); } else setErrors({ connectionString: connectionMessage(ex) });
        } else throw ex;
      }
    });
  };

  const importRepo = (e) => {
    e.preventDefault();
    if (!repo.url.trim()) { setErrors({ url: 'Enter the repository URL, or skip this step.' }); return; }
    run('Saving the repository…', async () => {
      setErrors({});
      const body = { url: repo.url.trim(), branch: repo.branch || 'main', folder: repo.folder };
      if (repo.username) body.username = repo.username;
      if (repo.password) body.password = repo.password;
      try {
        await put(`/api/projects/${project.id}/repository`, body);
      } catch (ex) {
        if (ex.code === 'VALIDATION_FAILED') { setErrors(Object.fromEntries(Object.entries(ex.fieldErrors).map(([k, v]) => [k, v.join(' ')]))); return; }
        throw ex;
      }
      setDeployment(await post(`/api/projects/${project.id}/deployments`, {}));
      setStep(3);
    });
  };

  const makeKeys = () => run('Creating your keys…', async () => {
    const anon = await post(`/api/projects/${project.id}/keys`, { role: 'anon', name: 'anon (wizard)' });
    const service = await post(`/api/projects/${project.id}/keys`, { role: 'service', name: 'service (wizard)' });
    rememberKey(project.id, anon);
    rememberKey(project.id, service);
    setKeys({ anon, service });
    setStep(4);
  });

  return (
    <div className="wizard">
      <PageTitle>New project</PageTitle>
      <ol className="stepper" aria-label="Progress">
        {steps.map((s, i) => (
          <li key={s} className={i === step ? 'current' : i < step ? 'done' : ''} aria-current={i === step ? 'step' : undefined}>
            <span className="step-number" aria-hidden="true">{i + 1}</span> {s}
          </li>
        ))}
      </ol>
      {busy && <p className="loading" role="status"><span className="spinner" aria-hidden="true" />{busy}</p>}
      <ErrorNotice error={error} title="That step failed" />

      {step === 0 && (
        <form onSubmit={nextFromName} noValidate>
          <h2>Name your project</h2>
          <Field label="Project name" help="Lowercase letters, digits and dashes; it appears in URLs and logs." error={errors.name}>
            {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
          </Field>
          <button className="button" type="submit">Continue</button>
        </form>
      )}

      {step === 1 && (
        <form onSubmit={createProject} noValidate>
          <h2>Connect your PostgreSQL</h2>
          <Field
            label="Connection string"
            help="postgres://user:password@host:5432/database. Stored encrypted; use a login without superuser rights."
            error={errors.connectionString}
          >
            {(p) => (
              <input
                {...p}
                type="password"
                className="mono"
                value={conn}
                onChange={(e) => { setConn(e.target.value); setCheck(null); }}
                autoComplete="off"
                spellCheck="false"
              />
            )}
          </Field>
          {check && (
            <p className="notice notice-ok" role="status">
              Connected to <strong>{check.database}</strong> as <strong>{check.username}</strong> (PostgreSQL {check.serverVersion}).
            </p>
          )}
          <div className="button-row">
            <button type="button" className="button secondary" onClick={() => setStep(0)}>Back</button>
            <button type="button" className="button secondary" onClick={checkConnection} disabled={!conn || !!busy}>Check connection</button>
            <button type="submit" className="button" disabled={!check || !!busy}>Create project</button>
          </div>
        </form>
      )}

      {step === 2 && (
        <form onSubmit={importRepo} noValidate>
          <h2>Import migrations from git (optional)</h2>
          <p className="muted">We clone the branch, apply <code>migrations/*.sql</code> under the folder in name order, and read <code>platform.json</code> if present.</p>
          <Field label="Repository URL" help="https://… (file://… on a development platform)." error={errors.url}>
            {(p) => <input {...p} value={repo.url} onChange={(e) => setRepo({ ...repo, url: e.target.value })} className="mono" />}
          </Field>
          <Field label="Branch" error={errors.branch}>
            {(p) => <input {...p} value={repo.branch} onChange={(e) => setRepo({ ...repo, branch: e.target.value })} />}
          </Field>
          <Field label="Folder" help="Where migrations/ lives in the repository; empty for the root." error={errors.folder}>
            {(p) => <input {...p} value={repo.folder} onChange={(e) => setRepo({ ...repo, folder: e.target.value })} />}
          </Field>
          <Field label="Username (private repositories)" error={errors.username}>
            {(p) => <input {...p} value={repo.username} onChange={(e) => setRepo({ ...repo, username: e.target.value })} autoComplete="off" />}
          </Field>
          <Field label="Password or access token" help="Stored encrypted, never shown again." error={errors.password}>
            {(p) => <input {...p} type="password" value={repo.password} onChange={(e) => setRepo({ ...repo, password: e.target.value })} autoComplete="off" />}
          </Field>
          <div className="button-row">
            <button type="button" className="button secondary" onClick={makeKeys} disabled={!!busy}>Skip: no repository</button>
            <button type="submit" className="button" disabled={!!busy}>Import and deploy</button>
          </div>
        </form>
      )}

      {step === 3 && deployment && (
        <section>
          <h2>First deployment</h2>
          <LogView projectId={project.id} deploymentId={deployment.id} onEnd={setDeployEnd} />
          {deployEnd && deployEnd.status === 'failed' && (
            <div className="notice notice-error" role="alert">
              <p><strong>The deployment failed</strong>{deployEnd.error ? `: ${deployEnd.error.message ?? deployEnd.error.code}` : '.'}</p>
              <p>Fix the migration and push again, or continue and redeploy later from the Deployments page.</p>
            </div>
          )}
          <div className="button-row">
            <button type="button" className="button" onClick={makeKeys} disabled={!deployEnd || !!busy}>Continue to keys</button>
          </div>
        </section>
      )}

      {step === 4 && keys && (
        <section>
          <h2>Your API keys</h2>
          <p className="notice notice-warn" role="status">Copy them now: keys are stored hashed and shown only once.</p>
          <Secret label="anon key" value={keys.anon.key} />
          <Secret label="service key" value={keys.service.key} />
          <p className="muted">anon: GraphQL as the anonymous role, safe in browsers. service: GraphQL as the owner and <code>/sql</code>; keep it on servers.</p>
          <Snippets endpoints={project.endpoints} anonKey={keys.anon.key} serviceKey={keys.service.key} />
          <div className="button-row">
            <Link className="button" to={`/projects/${project.id}/graphiql`}>Open GraphiQL</Link>
            <Link className="button secondary" to={`/projects/${project.id}`}>Project overview</Link>
          </div>
        </section>
      )}
    </div>
  );
}
