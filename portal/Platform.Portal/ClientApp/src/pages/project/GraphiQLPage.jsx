import { useMemo, useState } from 'react';
import { GraphiQL } from 'graphiql';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { ProjectLayout, useProject } from '../../components/ProjectLayout.jsx';
import { KeyPicker } from '../../components/KeyPicker.jsx';
import { PageTitle, Empty } from '../../components/ui.jsx';
import { query } from '../../lib/router.js';

const starter = `# Press the run button (or Ctrl-Enter) to send this to your project's endpoint.
# Open the docs explorer on the left to browse every type.
{
  __typename
}
`;

function Explorer() {
  const { project } = useProject();
  const [key, setKey] = useState('');
  const url = project.endpoints?.graphql;
  const fetcher = useMemo(() => async (params, opts) => {
    let r;
    try {
      r = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json', ...(opts?.headers ?? {}), 'X-Api-Key': key },
        body: JSON.stringify(params),
      });
    } catch {
      return { errors: [{ message: 'The gateway could not be reached from this page (network or CORS).' }] };
    }
    const text = await r.text();
    try { return JSON.parse(text); } catch { return { errors: [{ message: `HTTP ${r.status}: ${text}` }] }; }
  }, [url, key]);
  return (
    <>
      <PageTitle>GraphiQL</PageTitle>
      <p className="muted">Endpoint <code>{url}</code></p>
      <KeyPicker projectId={project.id} value={key} onChange={setKey} />
      {!key ? (
        <Empty title="Choose a key to explore the API"><p>Create one on the API keys page, or paste one above.</p></Empty>
      ) : (
        <div className="graphiql-host" data-testid="graphiql">
          <GraphiQL key={key} fetcher={fetcher} initialQuery={query('query') ?? undefined} defaultQuery={starter} defaultEditorToolsVisibility="variables" />
        </div>
      )}
    </>
  );
}

export function GraphiQLPage({ projectId }) {
  return <ProjectLayout projectId={projectId}><Explorer /></ProjectLayout>;
}
