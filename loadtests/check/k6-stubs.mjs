// Stand-ins for the k6 modules the load tests use, for running their request logic under Node against a real
// platform (run.mjs). Each virtual user is a worker thread, so the scripts' synchronous calls block only that user:
// HTTP goes through curl, WebSockets through ws-bridge.mjs over two FIFOs. Built-in metrics are recorded as k6 names
// them (http_reqs, http_req_duration, http_req_failed, checks, ws_connecting, ws_sessions, ...), with the tags the
// scripts filter on (scenario, name, status, method, expected_response). Loopback only.
import { execFileSync, spawn } from 'node:child_process';
import nodeCrypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const metrics = {};
const context = { scenario: 'default', vu: 0, iteration: 0 };

/** Set by the runner for each iteration: which scenario and VU the samples belong to. */
export function setContext(scenario, vu, iteration) {
  context.scenario = scenario;
  context.vu = vu;
  context.iteration = iteration;
}

class Metric {
  constructor(name, kind, time = false) {
    if (metrics[name]) return metrics[name];
    this.name = name;
    this.kind = kind;
    this.time = time;
    this.values = [];
    metrics[name] = this;
  }

  add(v, tags) {
    this.values.push([typeof v === 'boolean' ? (v ? 1 : 0) : Number(v), { scenario: context.scenario, ...(tags || {}) }]);
  }
}
export class Counter extends Metric { constructor(n) { super(n, 'counter'); } }
export class Rate extends Metric { constructor(n) { super(n, 'rate'); } }
export class Trend extends Metric { constructor(n, isTime) { super(n, 'trend', isTime === true); } }
export class Gauge extends Metric { constructor(n) { super(n, 'gauge'); } }

const builtin = {
  httpReqs: new Counter('http_reqs'),
  httpDuration: new Trend('http_req_duration', true),
  httpFailed: new Rate('http_req_failed'),
  checks: new Rate('checks'),
  wsConnecting: new Trend('ws_connecting', true),
  wsSessions: new Counter('ws_sessions'),
  wsSent: new Counter('ws_msgs_sent'),
  wsReceived: new Counter('ws_msgs_received'),
};

export function check(val, sets, tags) {
  let all = true;
  for (const [name, fn] of Object.entries(sets)) {
    let ok;
    try {
      ok = !!(typeof fn === 'function' ? fn(val) : fn);
    } catch (e) {
      ok = false;
    }
    builtin.checks.add(ok, { ...(tags || {}), check: name });
    all = all && ok;
  }
  return all;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
export function sleep(seconds) {
  if (seconds > 0) Atomics.wait(sleeper, 0, 0, seconds * 1000);
}

function jsonPath(obj, p) {
  if (!p) return obj;
  return p.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

export class Response {
  constructor(status, body, headers, durationMs, url) {
    this.status = status;
    this.body = body;
    this.headers = headers;
    this.url = url;
    this.timings = { duration: durationMs };
  }

  json(p) { return jsonPath(JSON.parse(this.body), p); }
}

function loopbackOnly(url) {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host)) throw new Error('stub refuses non-loopback ' + url);
}

let expected = (status) => status >= 200 && status < 400;
const MARK = '\n@@k6-stub-timing@@ ';

function request(method, url, body, params = {}) {
  loopbackOnly(url);
  const timeout = params.timeout ? parseFloat(params.timeout) * (String(params.timeout).endsWith('ms') ? 0.001 : 1) : 60;
  const args = ['-s', '-i', '-X', method, '--max-time', String(timeout), '-w', `${MARK}%{time_total}`];
  if (body !== undefined && body !== null) args.push('--data-binary', '@-');
  for (const [k, v] of Object.entries(params.headers || {})) args.push('-H', `${k}: ${v}`);
  args.push(url);
  let out;
  try {
    out = execFileSync('curl', args, { encoding: 'utf8', input: body ?? '', maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    // curl's own failure (timeout, refused): k6 reports status 0.
    out = `HTTP/1.1 0 \r\n\r\n${MARK}0`;
  }
  const mark = out.lastIndexOf(MARK);
  const seconds = Number(out.slice(mark + MARK.length));
  out = out.slice(0, mark);
  // Interim 100-continue answers come before the real head.
  while (/^HTTP\/[\d.]+ 1\d\d/.test(out) && out.indexOf('\r\n\r\n') > 0) out = out.slice(out.indexOf('\r\n\r\n') + 4);
  const split = out.indexOf('\r\n\r\n');
  const head = out.slice(0, split < 0 ? out.length : split).split('\r\n');
  const status = Number((head[0] || '').split(' ')[1]) || 0;
  const headers = {};
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    if (i < 0) continue;
    const name = line.slice(0, i).toLowerCase().replace(/(^|-)([a-z])/g, (m, a, b) => a + b.toUpperCase());
    headers[name] = line.slice(i + 1).trim();
  }
  const ms = seconds * 1000;
  const ok = expected(status);
  const tags = { name: url, ...(params.tags || {}), method, status: String(status), expected_response: String(ok) };
  builtin.httpReqs.add(1, tags);
  builtin.httpDuration.add(ms, tags);
  builtin.httpFailed.add(!ok, tags);
  return new Response(status, split < 0 ? '' : out.slice(split + 4), headers, ms, url);
}

export const http = {
  setResponseCallback(cb) { expected = cb || (() => true); },
  expectedStatuses(...list) {
    return (status) => list.some((s) => (typeof s === 'number' ? s === status : status >= s.min && status <= s.max));
  },
  get: (url, params) => request('GET', url, null, params),
  post: (url, body, params) => request('POST', url, body, params),
  put: (url, body, params) => request('PUT', url, body, params),
  patch: (url, body, params) => request('PATCH', url, body, params),
  del: (url, body, params) => request('DELETE', url, body, params),
  request: (method, url, body, params) => request(method, url, body, params),
};

export const crypto = {
  randomBytes(n) {
    const b = nodeCrypto.randomBytes(n);
    return b.buffer.slice(b.byteOffset, b.byteOffset + n);
  },
};

// k6/ws: connect() blocks until the socket closes, running the script's handlers as events arrive. The socket itself
// lives in a child process (ws-bridge.mjs); events come as JSON lines through one FIFO, commands go through another,
// so this thread can wait for them synchronously as k6's VU does.
const bridge = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ws-bridge.mjs');

function readLines(fd) {
  const buf = Buffer.alloc(65536);
  let pending = '';
  return () => {
    for (;;) {
      const nl = pending.indexOf('\n');
      if (nl >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        return line;
      }
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) return null;
      pending += buf.toString('utf8', 0, n);
    }
  };
}

export const ws = {
  connect(url, params, callback) {
    if (typeof params === 'function') {
      callback = params;
      params = {};
    }
    loopbackOnly(url.replace(/^ws/, 'http'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k6-ws-'));
    const events = path.join(dir, 'events');
    const commands = path.join(dir, 'commands');
    execFileSync('mkfifo', [events, commands]);
    const child = spawn(process.execPath, [bridge, url, JSON.stringify(params.headers || {}), events, commands], { stdio: ['ignore', 'ignore', 'inherit'] });
    const started = Date.now();
    const eventsFd = fs.openSync(events, 'r');
    const commandsFd = fs.openSync(commands, 'w');
    const next = readLines(eventsFd);
    const send = (cmd) => fs.writeSync(commandsFd, JSON.stringify(cmd) + '\n');
    const handlers = {};
    const timers = new Map();
    let timerId = 0;
    let closed = false;
    const socket = {
      on(event, fn) { handlers[event] = fn; },
      send(data) { builtin.wsSent.add(1); send({ op: 'send', data: String(data) }); },
      ping() { send({ op: 'ping' }); },
      close(code) { send({ op: 'close', code: code || 1000 }); },
      setTimeout(fn, ms) { timers.set(++timerId, { fn, repeat: 0 }); send({ op: 'timer', id: timerId, ms }); },
      setInterval(fn, ms) { timers.set(++timerId, { fn, repeat: ms }); send({ op: 'timer', id: timerId, ms }); },
    };
    let response = { status: 0, headers: {}, url, error: '' };
    callback(socket);
    try {
      // The bridge stays up until it is told to exit, so after the close event there is nothing more to read: a read
      // then would wait for the bridge while the bridge waits for this thread.
      while (!closed) {
        const line = next();
        if (line === null) break;
        const ev = JSON.parse(line);
        switch (ev.ev) {
          case 'handshake':
            response = { status: ev.status, headers: ev.headers, url, error: '' };
            builtin.wsConnecting.add(Date.now() - started, { url });
            if (ev.status === 101) {
              builtin.wsSessions.add(1);
              handlers.open && handlers.open();
            }
            break;
          case 'message':
            builtin.wsReceived.add(1);
            handlers.message && handlers.message(ev.data);
            break;
          case 'ping':
            handlers.ping && handlers.ping();
            break;
          case 'pong':
            handlers.pong && handlers.pong();
            break;
          case 'timer': {
            const t = timers.get(ev.id);
            if (t) {
              if (t.repeat) send({ op: 'timer', id: ev.id, ms: t.repeat });
              else timers.delete(ev.id);
              t.fn();
            }
            break;
          }
          case 'error':
            response.error = ev.message;
            handlers.error && handlers.error({ error: () => ev.message });
            break;
          case 'close':
            closed = true;
            handlers.close && handlers.close(ev.code);
            break;
          default:
            throw new Error('ws bridge sent ' + line);
        }
      }
    } finally {
      try { send({ op: 'exit' }); } catch (e) { /* the bridge is gone */ }
      fs.closeSync(eventsFd);
      fs.closeSync(commandsFd);
      child.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return response;
  },
};
