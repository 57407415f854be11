// One virtual user of the stand-in runner (run.mjs), in a worker thread: imports the rewritten script (its init code
// runs per VU, as in k6), runs iterations of its scenario's function as the plan says, then posts its metrics back.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { workerData, parentPort } from 'node:worker_threads';

const { modulePath, scriptDir, stubsPath, env, scenario, exec, plan, vu, shared } = workerData;
globalThis.__ENV = env;
globalThis.__VU = vu;
globalThis.__ITER = 0;
globalThis.open = (p) => fs.readFileSync(path.resolve(scriptDir, p), 'utf8');

const stubs = await import(pathToFileURL(stubsPath));
const mod = await import(pathToFileURL(modulePath));
const fn = mod[exec];
if (typeof fn !== 'function') throw new Error(`scenario ${scenario} names a function the script does not export: ${exec}`);

const iterations = new stubs.Counter('iterations');
const dropped = new stubs.Counter('dropped_iterations');
const counter = new Int32Array(shared, 0, 2);
// Every VU is loaded before any starts (loading 64 of them takes seconds on a busy machine): say so, then wait for
// the runner's go with the common start time.
parentPort.postMessage({ ready: true });
Atomics.wait(counter, 1, 0);
const start = new Float64Array(shared, 8, 1)[0] + plan.offsetMs;
const sleepUntil = (t) => { const ms = t - Date.now(); if (ms > 0) stubs.sleep(ms / 1000); };
let errors = 0;

function iterate(i) {
  stubs.setContext(scenario, vu, i);
  globalThis.__ITER = i;
  try {
    fn();
  } catch (e) {
    // k6 logs an exception in an iteration and goes on with the next one.
    errors++;
    if (errors <= 3) console.error(`[${scenario} vu ${vu}] ${e && e.stack ? e.stack : e}`);
  }
  iterations.add(1);
}

sleepUntil(start);
if (plan.kind === 'arrival') {
  // Iterations are due at start + i / rate; whichever VU is free takes the next one. One taken later than its due
  // time by more than the slack had no free VU when it was due: k6 drops such iterations, and so does this.
  for (;;) {
    const i = Atomics.add(counter, 0, 1);
    if (i >= plan.total) break;
    const due = start + (i * 1000) / plan.perSecond;
    if (Date.now() > due + plan.slackMs) {
      dropped.add(1);
      continue;
    }
    sleepUntil(due);
    iterate(i);
  }
} else if (plan.kind === 'vus') {
  for (let i = 0; Date.now() < start + plan.seconds * 1000; i++) iterate(i);
} else if (plan.kind === 'per-vu') {
  for (let i = 0; i < plan.iterations && Date.now() < start + plan.seconds * 1000; i++) iterate(i);
} else if (plan.kind === 'shared') {
  for (;;) {
    const i = Atomics.add(counter, 0, 1);
    if (i >= plan.iterations || Date.now() >= start + plan.seconds * 1000) break;
    iterate(i);
  }
}

parentPort.postMessage({
  done: true,
  errors,
  metrics: Object.fromEntries(Object.entries(stubs.metrics).map(([name, m]) => [name, { kind: m.kind, time: m.time, values: m.values }])),
});
