// Runs a k6 script's request logic under Node against the real platform, and judges it by the script's own
// thresholds: each scenario's executor is played out at a small scale (a few seconds, a few requests a second, at
// most STANDIN_MAX_VUS virtual users as worker threads), the built-in and custom metrics are collected, and every
// threshold is evaluated as k6 would. Thresholds on time trends (latency) are printed but not judged: one curl process
// per request measures the stand-in, not the platform. Exit code 1 when a judged threshold fails, as k6's 99.
//
//   node loadtests/check/run.mjs loadtests/graphql-typename.js
//   STANDIN_SECONDS=5 STANDIN_MAX_RATE=20 STANDIN_MAX_VUS=64 node loadtests/check/run.mjs loadtests/pool-limit.js
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { evaluate } from './thresholds.mjs';

const [script] = process.argv.slice(2);
if (!script) {
  console.error('usage: node loadtests/check/run.mjs SCRIPT');
  process.exit(2);
}

const seconds = Number(process.env.STANDIN_SECONDS || 5);
const maxRate = Number(process.env.STANDIN_MAX_RATE || 20);
const maxVus = Number(process.env.STANDIN_MAX_VUS || 64);
const here = path.dirname(fileURLToPath(import.meta.url));
const stubsPath = path.join(here, 'k6-stubs.mjs');
const src = path.resolve(script);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k6-check-'));

// This process's children (the VUs' curl and ws-bridge processes), from /proc: no tool needed.
function childPids() {
  const pids = [];
  for (const entry of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command's closing parenthesis: state, then the parent's pid.
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid) pids.push(Number(entry));
    } catch { /* exited meanwhile */ }
  }
  return pids;
}

function parseDuration(text, fallback) {
  if (text === undefined || text === null) return fallback;
  if (typeof text === 'number') return text / 1000;
  let total = 0;
  for (const [, n, unit] of String(text).matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(n) * { ms: 0.001, s: 1, m: 60, h: 3600 }[unit];
  }
  return total;
}

// The gateway's and data plane's defaults for a project whose settings leave a limit out (docs/project-settings.md).
const DEFAULT_LIMITS = { requestsPerSecond: 100, burst: 200, maxConcurrentRequests: 64, maxWebSockets: 100, poolSize: 10, poolTimeoutSeconds: 5 };
// What must equal the project's value (the script measures that limit) rather than fit under it.
const EXACT = ['poolSize', 'poolTimeoutSeconds'];

function checkAssumptions(assumes, settingsFile) {
  if (!assumes) return ['the script does not export `assumes` (the project limits it needs)'];
  const settings = settingsFile ? JSON.parse(fs.readFileSync(settingsFile, 'utf8')) : {};
  const project = { ...DEFAULT_LIMITS, ...(settings.limits || {}) };
  for (const k of ['poolSize', 'poolTimeoutSeconds']) if (settings[k] !== undefined) project[k] = settings[k];
  const problems = [];
  for (const [k, need] of Object.entries(assumes)) {
    if (!(k in project)) problems.push(`unknown limit ${k}`);
    else if (EXACT.includes(k) ? project[k] !== need : project[k] < need) {
      problems.push(`the script assumes ${k} ${EXACT.includes(k) ? '=' : '>='} ${need}, the project has ${project[k]}${settingsFile ? ` (${settingsFile})` : ' (defaults)'}`);
    }
  }
  console.log(`limits assumed ${JSON.stringify(assumes)}; the project's ${JSON.stringify(project)}`);
  return problems;
}

function planOf(name, sc) {
  const cap = (d) => Math.min(parseDuration(d, seconds), seconds);
  switch (sc.executor) {
    case 'constant-arrival-rate': {
      const perSecond = Math.min(sc.rate / parseDuration(sc.timeUnit, 1), maxRate);
      // One curl at a time takes a few ms, so a handful of VUs keep up with the stand-in's rate.
      const vus = Math.max(1, Math.min(sc.maxVUs || sc.preAllocatedVUs || 1, maxVus, 8));
      const duration = cap(sc.duration);
      return { kind: 'arrival', perSecond, total: Math.floor(perSecond * duration), vus, seconds: duration, slackMs: 1000 / perSecond + 100, grace: parseDuration(sc.gracefulStop, 30) };
    }
    case 'constant-vus':
      return { kind: 'vus', vus: Math.min(sc.vus || 1, maxVus), seconds: cap(sc.duration), grace: parseDuration(sc.gracefulStop, 30) };
    case 'per-vu-iterations':
      return { kind: 'per-vu', vus: Math.min(sc.vus || 1, maxVus), iterations: sc.iterations || 1, seconds: parseDuration(sc.maxDuration, 600), grace: parseDuration(sc.gracefulStop, 30) };
    case 'shared-iterations':
      return { kind: 'shared', vus: Math.min(sc.vus || 1, maxVus), iterations: sc.iterations || 1, seconds: parseDuration(sc.maxDuration, 600), grace: parseDuration(sc.gracefulStop, 30) };
    default:
      throw new Error(`scenario ${name}: executor ${sc.executor} is not played by the stand-in`);
  }
}

try {
  for (const f of fs.readdirSync(path.dirname(src)).filter((f) => f.endsWith('.js'))) {
    let code = fs.readFileSync(path.join(path.dirname(src), f), 'utf8');
    code = code
      .replace(/import http from 'k6\/http';/, `import { http } from '${stubsPath}';`)
      .replace(/import ws from 'k6\/ws';/, `import { ws } from '${stubsPath}';`)
      .replace(/import crypto from 'k6\/crypto';/, `import { crypto } from '${stubsPath}';`)
      .replace(/from 'k6(\/metrics)?';/g, `from '${stubsPath}';`)
      .replace(/from '\.\/common\.js';/, "from './common.mjs';");
    if (/from 'k6/.test(code)) throw new Error(`${f} imports a k6 module the stubs do not provide`);
    fs.writeFileSync(path.join(dir, f.replace(/\.js$/, '.mjs')), code);
  }
  const modulePath = path.join(dir, path.basename(src).replace(/\.js$/, '.mjs'));
  // The scripts size their own windows from DURATION; at the stand-in's scale it is the stand-in's.
  const env = { DURATION: `${seconds}s`, ...process.env };
  globalThis.__ENV = env;
  globalThis.open = (p) => fs.readFileSync(path.resolve(path.dirname(src), p), 'utf8');
  const { options, assumes } = await import(pathToFileURL(modulePath));
  console.log(`${path.basename(src)}: ${seconds} s per scenario, at most ${maxRate} iterations/s and ${maxVus} VUs`);
  // At the stand-in's small scale a script never meets the project's limits, so the load it declares is checked
  // against them instead: a script that needs more than the project allows cannot pass under a real k6.
  const limitProblems = checkAssumptions(assumes, process.env.STANDIN_SETTINGS);
  for (const problem of limitProblems) console.log(`FAIL limits: ${problem}`);

  const runs = [];
  const ready = [];
  const counters = [];
  const deadlines = [];
  for (const [name, sc] of Object.entries(options.scenarios || { default: { executor: 'per-vu-iterations', vus: 1, iterations: 1 } })) {
    const plan = { ...planOf(name, sc), offsetMs: parseDuration(sc.startTime, 0) * 1000 };
    const counter = new SharedArrayBuffer(16);
    console.log(`scenario ${name}: ${sc.executor} -> ${JSON.stringify(plan)}`);
    for (let v = 1; v <= plan.vus; v++) {
      const worker = new Worker(path.join(here, 'vu.mjs'), {
        workerData: { modulePath, scriptDir: path.dirname(src), stubsPath, env, scenario: name, exec: sc.exec || 'default', plan, vu: v, shared: counter },
      });
      let loaded;
      ready.push(new Promise((resolve) => { loaded = resolve; }));
      runs.push(new Promise((resolve, reject) => {
        let timer;
        // Counted from the go: a VU still busy past its scenario's end plus the graceful stop is a failure.
        deadlines.push((startAt) => {
          timer = setTimeout(() => reject(new Error(`scenario ${name} vu ${v} still running after its graceful stop`)),
            startAt - Date.now() + (plan.offsetMs / 1000 + plan.seconds + plan.grace + 10) * 1000);
        });
        worker.on('message', (m) => {
          if (m.ready) {
            loaded();
          } else {
            clearTimeout(timer);
            resolve(m);
          }
        });
        worker.on('error', (e) => { clearTimeout(timer); reject(e); });
      }));
      counters.push(counter);
    }
  }

  await Promise.all(ready);
  const startAt = Date.now() + 200;
  for (const c of counters) {
    new Float64Array(c, 8, 1)[0] = startAt;
    const flag = new Int32Array(c, 0, 2);
    Atomics.store(flag, 1, 1);
    Atomics.notify(flag, 1);
  }
  for (const arm of deadlines) arm(startAt);
  let results;
  try {
    results = await Promise.all(runs);
  } catch (e) {
    // A VU stuck in a synchronous wait (a curl, a socket's events) cannot be terminated, and exiting waits for it:
    // ending this process's own children (curl, ws-bridge) ends those waits. Then report and leave, as k6 ends a run
    // whose iterations outlive their graceful stop.
    console.log(`FAIL: ${e.message}`);
    for (const pid of childPids()) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(1);
  }
  const metrics = {};
  for (const r of results) {
    for (const [name, m] of Object.entries(r.metrics)) {
      (metrics[name] ||= { kind: m.kind, time: m.time, values: [] }).values.push(...m.values);
    }
  }
  const byStatus = {};
  for (const [, tags] of metrics.http_reqs?.values || []) byStatus[tags.status] = (byStatus[tags.status] || 0) + 1;
  console.log('http responses by status:', JSON.stringify(byStatus));
  const failedChecks = {};
  for (const [v, tags] of metrics.checks?.values || []) if (!v) failedChecks[tags.check] = (failedChecks[tags.check] || 0) + 1;
  console.log(`checks: ${(metrics.checks?.values || []).length} run, failed: ${JSON.stringify(failedChecks)}`);
  for (const [name, m] of Object.entries(metrics)) {
    if (!['checks', 'http_reqs', 'http_req_duration', 'http_req_failed'].includes(name) && m.values.length) {
      const vals = m.values.map((v) => v[0]);
      console.log(`metric ${name} (${m.kind}): n=${vals.length} sum=${vals.reduce((a, b) => a + b, 0)} max=${Math.max(...vals)}`);
    }
  }
  let failed = 0;
  for (const t of evaluate(options.thresholds, metrics)) {
    // Latency and dropped iterations measure the load generator as much as the platform: one curl process per request
    // on a shared machine cannot hold a rate or a latency, so only a real k6 judges those.
    const judged = !t.latency && !t.metric.startsWith('dropped_iterations');
    const verdict = t.ok ? 'ok  ' : judged ? 'FAIL' : 'slow';
    if (!t.ok && judged) failed++;
    console.log(`threshold ${verdict} ${t.metric} ${t.text} (value ${Number.isFinite(t.value) ? +t.value.toFixed(3) : t.value})${judged ? '' : ' [not judged by the stand-in: it measures the load generator]'}`);
  }
  const iterationErrors = results.reduce((a, r) => a + r.errors, 0);
  // k6 logs an iteration's exception and goes on; here it is a script error that fails the run.
  if (iterationErrors) console.log(`FAIL: ${iterationErrors} iteration(s) threw`);
  console.log(failed ? `${failed} threshold(s) failed` : 'all judged thresholds passed');
  process.exitCode = failed || iterationErrors || limitProblems.length ? 1 : 0;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
