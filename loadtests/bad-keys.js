// A flood of bad API keys. Every one must be refused with 401 and code INVALID_API_KEY, quickly: unknown keys are
// cached negatively, so this load must neither reach a silo nor slow down (the gateway issue's test also counts the
// database lookups; k6 cannot see those). Covers the shapes an attacker would try: well-formed random keys of both
// roles, wrong prefixes, too short, too long, junk characters, no key at all, the key in the query string, and -
// when ANON_KEY is known - a valid key on another project's endpoint.
//
//   k6 run loadtests/bad-keys.js
//   RATE=1000 DURATION=1m k6 run loadtests/bad-keys.js
import http from 'k6/http';
import { check } from 'k6';
import crypto from 'k6/crypto';
import { Counter } from 'k6/metrics';
import { ANON_KEY, GATEWAY_URL, duration, errorCode, intEnv } from './common.js';

const notRefused = new Counter('bad_keys_not_refused');

// Bad keys are refused before any project's limits apply, so this load needs none of them.
export const assumes = {};

export const options = {
  scenarios: {
    bad_keys: {
      executor: 'constant-arrival-rate',
      rate: intEnv('RATE', 300, 20000),
      timeUnit: '1s',
      duration: duration('30s'),
      preAllocatedVUs: 20,
      maxVUs: intEnv('MAX_VUS', 200, 2000),
      gracefulStop: '5s',
    },
  },
  thresholds: {
    bad_keys_not_refused: ['count==0'],
    checks: ['rate==1'],
    'http_req_duration{scenario:bad_keys}': [`p(95)<${__ENV.P95_MS || 20}`, `p(99)<${__ENV.P99_MS || 50}`],
    dropped_iterations: ['count<10'],
  },
};

// 401 is the answer we want, so it must not count as a failed request.
http.setResponseCallback(http.expectedStatuses(401));

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

// `length` characters of the base64url alphabet, the shape real keys have.
function base64url(length) {
  const bytes = new Uint8Array(crypto.randomBytes(length));
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    out += ALPHABET[bytes[i] & 63];
  }
  return out;
}

function uuid() {
  const b = new Uint8Array(crypto.randomBytes(16));
  const hex = Array.from(b, (x) => (x < 16 ? '0' : '') + x.toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// Each case: [label, path, key in header or null, key in query or null].
function pick() {
  const n = Math.floor(Math.random() * 10);
  switch (n) {
    case 0: return ['well-formed anon', '/graphql', `pk_a_${base64url(43)}`, null];
    case 1: return ['well-formed service', '/sql', `pk_s_${base64url(43)}`, null];
    case 2: return ['wrong prefix', '/graphql', `sk_live_${base64url(43)}`, null];
    case 3: return ['too short', '/graphql', `pk_a_${base64url(5)}`, null];
    case 4: return ['too long', '/graphql', `pk_a_${base64url(300)}`, null];
    case 5: return ['junk characters', '/graphql', `pk_a_${base64url(20)}!$%'"<>{}`, null];
    case 6: return ['no key', '/graphql', null, null];
    case 7: return ['query string', '/graphql', null, `pk_a_${base64url(43)}`];
    case 8: return ['random project', `/projects/${uuid()}/graphql`, `pk_a_${base64url(43)}`, null];
    default:
      // A real key on someone else's endpoint is refused exactly like an unknown one.
      return ANON_KEY
        ? ['valid key, other project', `/projects/${uuid()}/graphql`, ANON_KEY, null]
        : ['well-formed anon', '/graphql', `pk_a_${base64url(43)}`, null];
  }
}

const body = JSON.stringify({ query: '{ __typename }' });

export default function () {
  const [label, path, headerKey, queryKey] = pick();
  const headers = { 'Content-Type': 'application/json' };
  if (headerKey !== null) {
    headers['X-Api-Key'] = headerKey;
  }
  const url = `${GATEWAY_URL}${path}${queryKey !== null ? `?api_key=${encodeURIComponent(queryKey)}` : ''}`;
  const res = http.post(url, body, { headers, tags: { name: `bad key: ${label}` } });
  const refused = res.status === 401 && errorCode(res) === 'INVALID_API_KEY';
  if (!refused) {
    notRefused.add(1, { case: label, status: String(res.status) });
  }
  check(res, { '401 INVALID_API_KEY': () => refused });
}
