// Runs @neondatabase/serverless 1.2.0, unchanged, against the platform's gateway and prints one JSON object:
// each case's outcome, values made JSON-safe (Date -> ISO string, Buffer -> hex, bigint -> string) with their JS types.
// Inputs come from the environment; NeonDriverTests asserts on the output.
import http from 'node:http';
import { neon, neonConfig } from '@neondatabase/serverless';

const env = (name) => process.env[name] ?? (() => { throw new Error(`${name} is not set`); })();
const gateway = new URL(env('GATEWAY_URL'));
const projectId = env('PROJECT_ID');
const wildcard = env('WILDCARD_HOST');
const serviceKey = env('SERVICE_KEY');
const anonKey = env('ANON_KEY');
const serviceUrl = `postgresql://service:${encodeURIComponent(serviceKey)}@${projectId}.${wildcard}/neondb?sslmode=require`;
const anonUrl = `postgresql://anon:${encodeURIComponent(anonKey)}@${projectId}.${wildcard}/neondb?sslmode=require`;
const requested = [];

// As an operator's DNS would: the driver's default endpoint host goes to the gateway, with that Host header kept
// (Node's fetch does not let a caller set Host, so this speaks node:http and answers a WHATWG Response).
function routedFetch(url, init) {
  requested.push(String(url));
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: gateway.hostname, port: gateway.port, method: init.method, path: target.pathname,
      headers: { ...init.headers, host: target.host, 'content-type': 'application/json' },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode, headers: res.headers })));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const safe = (v) => {
  if (v === null || v === undefined) return v ?? null;
  if (v instanceof Date) return { js: 'Date', value: v.toISOString() };
  if (Buffer.isBuffer(v)) return { js: 'Buffer', value: v.toString('hex') };
  if (typeof v === 'bigint') return { js: 'bigint', value: v.toString() };
  if (Array.isArray(v)) return v.map(safe);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => !k.startsWith('_')).map(([k, x]) => [k, safe(x)]));
  return v;
};

const errorOf = (e) => ({ error: { name: e.constructor?.name, message: e.message, code: e.code ?? null, position: e.position ?? null, detail: e.detail ?? null, severity: e.severity ?? null, routine: e.routine ?? null } });

async function run(name, body, out) {
  try { out[name] = { ok: safe(await body()) }; } catch (e) { out[name] = errorOf(e); }
}

const out = {};
neonConfig.fetchEndpoint = () => `${gateway.origin}/sql`;
const sql = neon(serviceUrl);

await run('types', () => sql`select ${42}::int as i, ${9007199254740993n}::int8 as big, ${'12345678901234567890.000000000001'}::numeric as n,
  ${'héllo "quoted", \'single\''}::text as t, ${true}::bool as yes, ${new Date('2024-02-29T12:34:56.789Z')}::timestamptz as ts,
  ${'2024-02-29'}::date as d, ${{ a: [1, 'x'], b: null }}::json as j, ${{ k: 'v' }}::jsonb as jb, ${[1, 2, 3]}::int[] as ints,
  ${['a', 'b,c', null]}::text[] as texts, ${Buffer.from([0, 1, 255])}::bytea as bytes, ${null}::text as nothing`, out);
await run('query', () => sql.query('select $1::int + 1 as x', [41]), out);
await run('fullResults', () => sql.query('select n.id, n.body, 1 as one from notes n where n.id = $1', [1], { fullResults: true }), out);
await run('arrayMode', () => sql.query('select 1 as a, $1::text as b', ['two'], { arrayMode: true }), out);
await run('arrayModeFull', () => sql.query('select 1 as a', [], { arrayMode: true, fullResults: true }), out);
const modes = (s) => [s`select current_setting('transaction_isolation') as v`, s`select current_setting('transaction_read_only') as v`, s`select current_setting('transaction_deferrable') as v`];
await run('txDefault', () => sql.transaction(modes(sql)), out);
await run('txModes', () => sql.transaction(modes(sql), { isolationLevel: 'Serializable', readOnly: true, deferrable: true }), out);
await run('txRepeatableRead', () => sql.transaction(modes(sql), { isolationLevel: 'RepeatableRead', readOnly: false }), out);
await run('txReadOnlyWrite', () => sql.transaction([sql`insert into counters (n) values (1)`], { readOnly: true }), out);
await run('txRollback', () => sql.transaction([sql`insert into counters (n) values (100)`, sql`select 1 / ${0}::int`]), out);
await run('afterRollback', () => sql`select count(*)::int as c from counters where n = 100`, out);
await run('txCommit', () => sql.transaction((s) => [s`insert into counters (n) values (7) returning n`, s`select count(*)::int as c from counters where n = 7`]), out);
await run('pgError', () => sql`select * from no_such_table`, out);
await run('uniqueError', () => sql.transaction([sql`insert into counters (id, n) values (1, 1)`, sql`insert into counters (id, n) values (1, 1)`]), out);
await run('ownerRole', () => sql`select current_user as role`, out);

// No option at all: the driver's own endpoint, https://api.<rest of the host>/sql, routed to the gateway.
neonConfig.fetchEndpoint = undefined;
neonConfig.fetchFunction = routedFetch;
await run('defaultEndpoint', () => neon(serviceUrl)`select 'routed' as how`, out);
out.requestedUrls = [...requested];

neonConfig.fetchFunction = undefined;
neonConfig.fetchEndpoint = () => `${gateway.origin}/sql`;
const asUser = (token) => neon(anonUrl, { authToken: token });
await run('user1', () => asUser(env('USER_TOKEN_1'))`select body from notes order by id`, out);
await run('user2', () => asUser(env('USER_TOKEN_2'))`select body from notes order by id`, out);
await run('userClaims', () => asUser(env('USER_TOKEN_1'))`select current_user as role, current_setting('jwt.claims.user_id', true) as uid`, out);
await run('userTransaction', () => asUser(env('USER_TOKEN_2')).transaction((s) => [s`select count(*)::int as c from notes`, s`select current_user as role`]), out);
await run('userSetRole', () => asUser(env('USER_TOKEN_1'))`set role neon_owner`, out);
await run('userSetConfig', () => asUser(env('USER_TOKEN_1'))`select set_config('jwt.claims.user_id', '2', true)`, out);
await run('anonNoToken', () => neon(anonUrl)`select 1`, out);
await run('otherSecret', () => asUser(env('BAD_TOKEN'))`select 1`, out);

console.log(JSON.stringify(out));
