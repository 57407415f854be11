// Synchronous stand-ins for the k6 modules the load tests use: just enough to run their init code and a few
// iterations under Node, so a broken script is caught without k6 (which cannot be installed on the project's machines).
// Not a load generator: one request at a time through curl, loopback only.
import { execFileSync } from 'node:child_process';
import nodeCrypto from 'node:crypto';
export const metrics = {};
export const checks = { pass: 0, fail: 0, names: {} };
class Metric { constructor(name, kind) { this.name = name; this.kind = kind; this.values = []; metrics[name] = this; }
  add(v, tags) { this.values.push([typeof v === 'boolean' ? (v ? 1 : 0) : v, tags || {}]); } }
export class Counter extends Metric { constructor(n) { super(n, 'counter'); } }
export class Rate extends Metric { constructor(n) { super(n, 'rate'); } }
export class Trend extends Metric { constructor(n) { super(n, 'trend'); } }
export class Gauge extends Metric { constructor(n) { super(n, 'gauge'); } }
export function check(val, sets) {
  let all = true;
  for (const [name, fn] of Object.entries(sets)) {
    const ok = !!fn(val);
    checks[ok ? 'pass' : 'fail']++;
    checks.names[name] = (checks.names[name] || 0) + (ok ? 0 : 1);
    all = all && ok;
  }
  return all;
}
export function sleep() {}
function jsonPath(obj, path) {
  if (!path) return obj;
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}
export class Response {
  constructor(status, body, headers) { this.status = status; this.body = body; this.headers = headers; }
  json(path) { return jsonPath(JSON.parse(this.body), path); }
}
export const http = {
  calls: [],
  setResponseCallback() {},
  expectedStatuses(...s) { return s; },
  post(url, body, params = {}) {
    const host = new URL(url).hostname;
    if (host !== '127.0.0.1') throw new Error('stub refuses non-loopback ' + url);
    const args = ['-s', '-i', '-X', 'POST', '--max-time', '60', '--data-binary', body || ''];
    for (const [k, v] of Object.entries(params.headers || {})) args.push('-H', `${k}: ${v}`);
    args.push(url);
    const out = execFileSync('curl', args, { encoding: 'utf8' });
    const split = out.indexOf('\r\n\r\n');
    const head = out.slice(0, split).split('\r\n');
    const status = Number(head[0].split(' ')[1]);
    const headers = {};
    for (const line of head.slice(1)) {
      const i = line.indexOf(':');
      const name = line.slice(0, i).toLowerCase().replace(/(^|-)([a-z])/g, (m, a, b) => a + b.toUpperCase());
      headers[name] = line.slice(i + 1).trim();
    }
    http.calls.push([url, status]);
    return new Response(status, out.slice(split + 4), headers);
  },
};
export const crypto = { randomBytes(n) { const b = nodeCrypto.randomBytes(n); return b.buffer.slice(b.byteOffset, b.byteOffset + n); } };
// A fake graphql-transport-ws server with a virtual clock: connect() returns when the socket closes, as in k6.
export const ws = {
  sent: [],
  connect(url, params, cb) {
    const handlers = {}; const timers = []; let now = 0; let closed = false; const inbox = [];
    const socket = {
      on(ev, fn) { handlers[ev] = fn; },
      send(m) { ws.sent.push(JSON.parse(m)); const msg = JSON.parse(m);
        if (msg.type === 'connection_init') inbox.push({ type: 'connection_ack' });
        if (msg.type === 'subscribe') { inbox.push({ type: 'next', id: msg.id, payload: { data: {} } }); inbox.push({ type: 'ping' }); } },
      close() { if (!closed) { closed = true; handlers.close && handlers.close(); } },
      setTimeout(fn, ms) { timers.push([now + ms, fn]); },
    };
    cb(socket);
    handlers.open && handlers.open();
    while (!closed) {
      while (inbox.length && !closed) handlers.message(JSON.stringify(inbox.shift()));
      timers.sort((a, b) => a[0] - b[0]);
      const t = timers.shift();
      if (!t) break;
      now = t[0]; t[1]();
    }
    return { status: 101, headers: { 'Sec-Websocket-Protocol': params.headers['Sec-WebSocket-Protocol'] }, url };
  },
};
