// Every call goes to the portal's own origin: the backend-for-frontend adds the access token and forwards /api/* to
// the control plane, so no token ever reaches the browser. The X-Portal header is what a cross-site form cannot send.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The request failed (${status}).`);
    this.status = status;
    this.code = problem?.code || (status === 0 ? 'NETWORK' : `HTTP_${status}`);
    this.fieldErrors = problem?.errors || {};
    this.problem = problem;
  }
}

export async function api(path, { method = 'GET', body, headers = {}, raw = false, signal } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      signal,
      credentials: 'same-origin',
      headers: {
        'X-Portal': '1',
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, { detail: 'The portal could not reach the server. Check your connection and try again.' });
  }
  if (raw) return response;
  const text = await response.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith('/api/account') && !path.startsWith('/api/dev/')) {
      window.dispatchEvent(new CustomEvent('portal:unauthenticated'));
    }
    if (json === null || typeof json !== 'object') {
      json = { detail: missingEndpoint(response.status, path) };
    }
    throw new ApiError(response.status, json);
  }
  return { data: json, headers: response.headers, status: response.status };
}

function missingEndpoint(status, path) {
  if (status === 404 || status === 405) return `The control plane does not offer ${path.split('?')[0]} yet (HTTP ${status}).`;
  if (status === 502 || status === 503 || status === 504) return 'The control plane is not answering. Try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}

export const get = (path, opts) => api(path, opts).then((r) => r.data);
export const post = (path, body, opts) => api(path, { ...opts, method: 'POST', body }).then((r) => r.data);
export const put = (path, body, opts) => api(path, { ...opts, method: 'PUT', body }).then((r) => r.data);
export const patch = (path, body, opts) => api(path, { ...opts, method: 'PATCH', body }).then((r) => r.data);
export const del = (path, opts) => api(path, { ...opts, method: 'DELETE' }).then((r) => r.data);

/** Lists answer {items, nextCursor}; older shapes (a bare array) are accepted too. */
export const items = (data) => (Array.isArray(data) ? data : data?.items ?? []);

export function formatTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
