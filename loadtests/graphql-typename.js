// The cheapest request that still crosses every hop: gateway (key lookup, signing) -> silo -> project grain ->
// GraphQL execution. `{ __typename }` never touches the tenant database, so the latency measured here is the
// platform's own overhead. Thresholds: p95 and p99 latency, error rate, and every answer being the right one.
//
//   k6 run loadtests/graphql-typename.js                 (keys from .local/run.json)
//   RATE=500 DURATION=1m k6 run loadtests/graphql-typename.js
import http from 'k6/http';
import { check } from 'k6';
import { Rate } from 'k6/metrics';
import { ANON_KEY, GATEWAY_URL, duration, intEnv, requireKey } from './common.js';

const key = requireKey('ANON_KEY', __ENV.KEY || ANON_KEY);
const rate = intEnv('RATE', 200, 20000);
const maxVus = intEnv('MAX_VUS', 200, 2000);
const wrongAnswers = new Rate('typename_wrong_answers');

export const options = {
  scenarios: {
    // Arrival rate, not a VU loop: a fixed request rate keeps latency figures comparable between runs, and a slow
    // platform shows up as missed iterations instead of silently lowering the load.
    typename: {
      executor: 'constant-arrival-rate',
      rate,
      timeUnit: '1s',
      duration: duration('30s'),
      preAllocatedVUs: 20,
      maxVUs: maxVus,
      gracefulStop: '5s',
    },
  },
  thresholds: {
    // Targets on a developer machine with ./run.sh; tighten them for a dedicated benchmark host.
    'http_req_duration{scenario:typename}': [`p(95)<${__ENV.P95_MS || 50}`, `p(99)<${__ENV.P99_MS || 150}`],
    http_req_failed: ['rate<0.01'],
    typename_wrong_answers: ['rate<0.001'],
    checks: ['rate>0.99'],
    // Too few VUs for the rate means the client, not the platform, was the limit: fail rather than mislead.
    dropped_iterations: ['count<10'],
  },
};

// The project limit this load needs: its rate, sustained (over it, 429 RATE_LIMITED once the burst is spent).
// ./run.sh's demo project has it (samples/meetup/settings.json); the stand-in (check/run.mjs) checks it against the
// project's settings.
export const assumes = { requestsPerSecond: rate };

const body = JSON.stringify({ query: '{ __typename }' });
const params = {
  headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json', 'X-Api-Key': key },
  tags: { name: 'POST /graphql __typename' },
};

function typename(res) {
  try {
    const body = res.json();
    return body.errors === undefined && body.data ? body.data.__typename : null;
  } catch (e) {
    return null;
  }
}

export default function () {
  const res = http.post(`${GATEWAY_URL}/graphql`, body, params);
  const name = typename(res);
  wrongAnswers.add(res.status !== 200 || name !== 'Query');
  check(res, {
    'status 200': (r) => r.status === 200,
    'data.__typename is Query, no errors': () => name === 'Query',
  });
}
