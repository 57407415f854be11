import { useState } from 'react';
import { CopyButton } from './ui.jsx';

/** Ready-to-paste client code for a project's endpoints, filled with the keys just shown. */
export function snippets(endpoints, anonKey, serviceKey) {
  const gql = endpoints?.graphql ?? '';
  const sql = endpoints?.sql ?? '';
  const ws = endpoints?.websocket ?? gql.replace(/^http/, 'ws');
  return [
    {
      id: 'curl',
      label: 'curl',
      code: `curl -s '${gql}' \\
  -H 'X-Api-Key: ${anonKey}' \\
  -H 'Content-Type: application/json' \\
  -d '{"query":"{ __typename }"}'

curl -s '${sql}' \\
  -H 'X-Api-Key: ${serviceKey}' \\
  -H 'Content-Type: application/json' \\
  -d '{"query":"select now()","params":[]}'`,
    },
    {
      id: 'fetch',
      label: 'fetch (edge function)',
      code: `export default async function handler() {
  const res = await fetch('${gql}', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Api-Key': process.env.PLATFORM_ANON_KEY },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  return new Response(await res.text(), { headers: { 'Content-Type': 'application/json' } });
}
// PLATFORM_ANON_KEY=${anonKey}`,
    },
    {
      id: 'neon',
      label: '@neondatabase/serverless',
      code: `import { neon, neonConfig } from '@neondatabase/serverless';

neonConfig.fetchEndpoint = () => '${sql}';
const sql = neon('postgres://service:${serviceKey}@gateway/db', {
  fetchOptions: { headers: { 'X-Api-Key': process.env.PLATFORM_SERVICE_KEY } },
});
const rows = await sql\`select now()\`;
// PLATFORM_SERVICE_KEY=${serviceKey}`,
    },
    {
      id: 'apollo',
      label: 'Apollo / urql',
      code: `// Apollo Client
import { ApolloClient, InMemoryCache, HttpLink } from '@apollo/client';
const apollo = new ApolloClient({
  link: new HttpLink({ uri: '${gql}', headers: { 'X-Api-Key': '${anonKey}' } }),
  cache: new InMemoryCache(),
});

// urql
import { Client, cacheExchange, fetchExchange } from 'urql';
const urql = new Client({
  url: '${gql}',
  exchanges: [cacheExchange, fetchExchange],
  fetchOptions: { headers: { 'X-Api-Key': '${anonKey}' } },
});`,
    },
    {
      id: 'graphql-ws',
      label: 'graphql-ws',
      code: `import { createClient } from 'graphql-ws';

// Browsers cannot set headers on a WebSocket: the key goes in connection_init's payload.
const client = createClient({
  url: '${ws}',
  connectionParams: { 'X-Api-Key': '${anonKey}' },
});
client.subscribe(
  { query: 'subscription { listen(topic: "hello") { relatedNodeId } }' },
  { next: (msg) => console.log(msg), error: console.error, complete: () => {} },
);`,
    },
  ];
}

export function Snippets({ endpoints, anonKey, serviceKey }) {
  const list = snippets(endpoints, anonKey, serviceKey);
  const [active, setActive] = useState(list[0].id);
  const current = list.find((s) => s.id === active);
  return (
    <section className="snippets" aria-labelledby="snippets-heading">
      <h2 id="snippets-heading">Use it from your code</h2>
      <div role="tablist" aria-label="Client" className="tabs">
        {list.map((s) => (
          <button
            key={s.id}
            type="button"
            role="tab"
            id={`tab-${s.id}`}
            aria-selected={s.id === active}
            aria-controls="snippet-panel"
            tabIndex={s.id === active ? 0 : -1}
            className="tab"
            onClick={() => setActive(s.id)}
            onKeyDown={(e) => {
              const i = list.findIndex((x) => x.id === active);
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                const next = list[(i + (e.key === 'ArrowRight' ? 1 : list.length - 1)) % list.length];
                setActive(next.id);
                document.getElementById(`tab-${next.id}`)?.focus();
              }
            }}
          >
            {s.label}
          </button>
        ))}
      </div>
      <div id="snippet-panel" role="tabpanel" aria-labelledby={`tab-${active}`} className="snippet">
        <pre tabIndex={0}><code>{current.code}</code></pre>
        <CopyButton text={current.code} label={`Copy ${current.label} snippet`} />
      </div>
    </section>
  );
}
