// Every property of the project settings document (docs/project-settings.md), with its help text and range.
export const numberFields = [
  { path: 'poolSize', label: 'Pool size', min: 1, max: 1000, help: 'Hard cap of connections the platform holds to your database, cluster-wide. Default 10.' },
  { path: 'poolTimeoutSeconds', label: 'Pool wait (seconds)', min: 1, max: 300, help: 'How long a request waits for a pooled connection before POOL_TIMEOUT. Default 5.' },
  { path: 'statementTimeoutSeconds', label: 'Statement timeout (seconds)', min: 1, max: 3600, help: 'Per-statement limit before STATEMENT_TIMEOUT. Default 10.' },
  { path: 'limits.requestsPerSecond', label: 'Requests per second', min: 1, max: 100000, help: 'Token-bucket refill rate; over it: 429 RATE_LIMITED. Empty: the gateway default (100).' },
  { path: 'limits.burst', label: 'Burst', min: 1, max: 1000000, help: 'Token-bucket size. Empty: the gateway default (200).' },
  { path: 'limits.maxConcurrentRequests', label: 'Concurrent requests', min: 1, max: 10000, help: 'HTTP requests in flight; over it: 429 CONCURRENCY_LIMIT. Empty: gateway default (64).' },
  { path: 'limits.maxWebSockets', label: 'WebSockets', min: 0, max: 100000, help: 'Open WebSockets; over it: 429 WEBSOCKET_LIMIT. Empty: gateway default (100).' },
  { path: 'limits.maxBodyBytes', label: 'Max body (bytes)', min: 1024, max: 1048576, help: 'Request body limit; over it: 413 BODY_TOO_LARGE. A project can only lower the 1 MiB default.' },
  { path: 'limits.minBodyBytesPerSecond', label: 'Min body rate (bytes/s)', min: 100, max: 1048576, help: 'Slowest a request body may arrive after a 5 s grace; slower: 408 BODY_TIMEOUT, freeing the request slot. Empty: gateway default (4096).' },
  { path: 'limits.upstreamTimeoutSeconds', label: 'Upstream timeout (seconds)', min: 1, max: 3600, help: 'Silence from the data plane before 504 UPSTREAM_TIMEOUT. Empty: gateway default (30).' },
];

export const identifier = /^[A-Za-z_][A-Za-z0-9_$]*$/;

export function getPath(obj, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

export function setPath(obj, path, value) {
  const [head, ...rest] = path.split('.');
  if (!rest.length) {
    const copy = { ...obj };
    if (value === undefined) delete copy[head]; else copy[head] = value;
    return copy;
  }
  const inner = setPath(obj?.[head] ?? {}, rest.join('.'), value);
  const copy = { ...obj };
  if (Object.keys(inner).length === 0) delete copy[head]; else copy[head] = inner;
  return copy;
}
