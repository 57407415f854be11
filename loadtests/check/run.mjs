// Smoke-runs a k6 script under Node: its k6 imports are rewritten to ./k6-stubs.mjs, its init code runs (options,
// env parsing, .local/run.json), then a few iterations of every scenario's function against the real platform.
// Prints the custom metrics and checks; exits non-zero when any check failed.
//
//   node loadtests/check/run.mjs loadtests/graphql-typename.js [ITERATIONS]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [script, iterations = '5'] = process.argv.slice(2);
if (!script) {
  console.error('usage: node loadtests/check/run.mjs SCRIPT [ITERATIONS]');
  process.exit(2);
}
const stubsPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'k6-stubs.mjs');
const src = path.resolve(script);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k6-check-'));
try {
  for (const f of fs.readdirSync(path.dirname(src)).filter((f) => f.endsWith('.js'))) {
    let code = fs.readFileSync(path.join(path.dirname(src), f), 'utf8');
    code = code
      .replace(/import http from 'k6\/http';/, `import { http } from '${stubsPath}';`)
      .replace(/import ws from 'k6\/ws';/, `import { ws } from '${stubsPath}';`)
      .replace(/import crypto from 'k6\/crypto';/, `import { crypto } from '${stubsPath}';`)
      .replace(/from 'k6(\/metrics)?';/g, `from '${stubsPath}';`)
      .replace(/from '\.\/common\.js';/, "from './common.mjs';");
    if (/from 'k6/.test(code)) {
      throw new Error(`${f} imports a k6 module the stubs do not provide`);
    }
    fs.writeFileSync(path.join(dir, f.replace(/\.js$/, '.mjs')), code);
  }

  globalThis.__ENV = { ...process.env };
  // k6 resolves open() against the script's own folder, not the working directory.
  globalThis.open = (p) => fs.readFileSync(path.resolve(path.dirname(src), p), 'utf8');
  const stubs = await import(pathToFileURL(stubsPath));
  const mod = await import(pathToFileURL(path.join(dir, path.basename(src).replace(/\.js$/, '.mjs'))));

  console.log('options:', JSON.stringify(mod.options));
  for (const [name, sc] of Object.entries(mod.options.scenarios || { default: {} })) {
    const fn = mod[sc.exec || 'default'];
    if (typeof fn !== 'function') {
      throw new Error(`scenario ${name} names a function the script does not export: ${sc.exec || 'default'}`);
    }
    for (let i = 0; i < Number(iterations); i++) {
      fn();
    }
  }
  for (const m of Object.values(stubs.metrics)) {
    const vals = m.values.map((v) => v[0]);
    const sum = vals.reduce((a, b) => a + b, 0);
    const tags = [...new Set(m.values.map((v) => JSON.stringify(v[1])).filter((t) => t !== '{}'))].slice(0, 5);
    console.log(`metric ${m.name} (${m.kind}): n=${vals.length} sum=${sum}${vals.length ? ` max=${Math.max(...vals)}` : ''} ${tags.join(' ')}`);
  }
  const byStatus = stubs.http.calls.reduce((a, [, s]) => ((a[s] = (a[s] || 0) + 1), a), {});
  console.log('http responses by status:', JSON.stringify(byStatus));
  console.log(`checks: ${stubs.checks.pass} passed, ${stubs.checks.fail} failed`, JSON.stringify(stubs.checks.names));
  process.exitCode = stubs.checks.fail ? 1 : 0;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
