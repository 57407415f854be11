// node --test loadtests/check/thresholds.test.mjs
import assert from 'node:assert/strict';
import test from 'node:test';
import { evaluate, parseExpression, parseMetricKey } from './thresholds.mjs';

test('metric keys carry tag filters', () => {
  assert.deepEqual(parseMetricKey('http_req_duration{scenario:typename}'), { name: 'http_req_duration', tags: { scenario: 'typename' } });
  assert.deepEqual(parseMetricKey('checks'), { name: 'checks', tags: {} });
});

test('expressions: percentiles, rates, counts, comparisons', () => {
  assert.deepEqual(parseExpression('p(99.9)<150'), { text: 'p(99.9)<150', aggregate: 'p', percentile: 99.9, op: '<', bound: 150 });
  assert.equal(parseExpression({ threshold: 'count==0', abortOnFail: true }).op, '==');
  assert.throws(() => parseExpression('p95<1'), /unsupported/);
});

test('counters sum, rates count non-zero samples, filters select by tag', () => {
  const metrics = {
    errors: { kind: 'counter', values: [[1, { scenario: 'a' }], [2, { scenario: 'b' }]] },
    failed: { kind: 'rate', values: [[1, {}], [0, {}], [0, {}], [0, {}]] },
    latency: { kind: 'trend', time: true, values: [10, 20, 30, 40, 50].map((v) => [v, { scenario: 'x' }]) },
  };
  const results = evaluate({
    errors: ['count==3', 'count<3'],
    'errors{scenario:a}': ['count==1'],
    failed: ['rate<0.3', 'rate<0.2'],
    'latency{scenario:x}': ['p(50)==30', 'max<=50', 'avg<30'],
    never: ['count==0'],
  }, metrics);
  assert.deepEqual(results.map((r) => r.ok), [true, false, true, true, false, true, true, false, true]);
  assert.equal(results.find((r) => r.metric.startsWith('latency')).latency, true);
});
