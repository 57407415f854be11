// Shared by every script here: where the gateway is, which keys to use, and the safety rail that keeps load on
// this machine unless asked otherwise. Lives beside the scripts (not in a subfolder) so the relative path to
// .local/run.json is the same whichever way a k6 version resolves open() paths.

function readRunJson() {
  const path = __ENV.RUN_JSON || '../.local/run.json';
  try {
    // open() is only allowed in the init context, which is where module top-level code runs.
    return JSON.parse(open(path));
  } catch (e) {
    return {};
  }
}

const run = readRunJson();

export const GATEWAY_URL = (__ENV.GATEWAY_URL || run.gatewayUrl || 'http://127.0.0.1:5000').replace(/\/+$/, '');
export const ANON_KEY = __ENV.ANON_KEY || run.anonKey || '';
export const SERVICE_KEY = __ENV.SERVICE_KEY || run.serviceKey || '';
export const PROJECT_ID = __ENV.PROJECT_ID || run.projectId || '';

const LOCAL_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];
const host = (GATEWAY_URL.match(/^[a-z]+:\/\/([^/:]+|\[[^\]]+\])/i) || [])[1];
// Load aimed at someone else's machine by a typo is an attack; anything but loopback needs an explicit yes.
if (!LOCAL_HOSTS.includes(host) && __ENV.ALLOW_REMOTE !== '1') {
  throw new Error(`GATEWAY_URL ${GATEWAY_URL} is not loopback; set ALLOW_REMOTE=1 if you really mean to load it`);
}

export function requireKey(name, value) {
  if (!value) {
    throw new Error(`${name} is not set: export it, or start ./run.sh so .local/run.json exists`);
  }
  return value;
}

// Durations are bounded: a forgotten run cannot go on for hours. DURATION and VUS override, within limits.
const MAX_SECONDS = 600;

export function duration(fallback) {
  const value = __ENV.DURATION || fallback;
  const m = /^(\d+)(s|m)$/.exec(value);
  if (!m) {
    throw new Error(`DURATION must look like 30s or 2m, got ${value}`);
  }
  const seconds = Number(m[1]) * (m[2] === 'm' ? 60 : 1);
  if (seconds > MAX_SECONDS) {
    throw new Error(`DURATION ${value} is over the ${MAX_SECONDS}s cap`);
  }
  return value;
}

export function intEnv(name, fallback, max) {
  const n = __ENV[name] === undefined ? fallback : parseInt(__ENV[name], 10);
  if (!Number.isFinite(n) || n < 0 || n > max) {
    throw new Error(`${name} must be an integer between 0 and ${max}`);
  }
  return n;
}

// The platform's error code from any surface's answer (docs/errors.md): the gateway's {"error":{"code"}}, GraphQL's
// {"errors":[{"extensions":{"code"}}]}, SQL over HTTP's Neon-shaped {"code"} (a SQLSTATE for PostgreSQL's own errors).
export function errorCode(res) {
  let body;
  try {
    body = res.json();
  } catch (e) {
    return null;
  }
  if (body && body.error && body.error.code) {
    return body.error.code;
  }
  if (body && Array.isArray(body.errors) && body.errors[0] && body.errors[0].extensions) {
    return body.errors[0].extensions.code || null;
  }
  if (body && typeof body.code === 'string') {
    return body.code;
  }
  return null;
}
