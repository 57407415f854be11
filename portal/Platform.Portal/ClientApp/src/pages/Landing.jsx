import { Link, PageTitle } from '../components/ui.jsx';

export function Landing() {
  const returnUrl = encodeURIComponent(window.location.pathname + window.location.search);
  return (
    <div className="landing">
      <PageTitle>Your PostgreSQL, as an API</PageTitle>
      <p className="lead">
        Register a database, import your SQL migrations from git and get a GraphQL API and SQL over HTTP, with keys
        for your apps, a connection pool that never overflows, and usage you can watch.
      </p>
      <div className="cta">
        <Link className="button" to="/signup">Create an account</Link>
        <a className="button secondary" href={`/bff/login?returnUrl=${returnUrl}`}>Sign in</a>
      </div>
      <ol className="steps">
        <li><strong>Connect</strong> your PostgreSQL: we check it live.</li>
        <li><strong>Import</strong> a git repo of migrations: we apply them and stream the log.</li>
        <li><strong>Query</strong> in GraphiQL with a key, then paste a snippet into your app.</li>
      </ol>
    </div>
  );
}
