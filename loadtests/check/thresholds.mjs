// k6 threshold expressions evaluated over the samples the stand-in collected: `p(95)<50`, `rate<0.01`, `count==0`,
// `max<=10`, `avg<100`, `min>0`, `med<5`, `value>0`, on a metric optionally filtered by tags
// (`http_req_duration{scenario:typename}`). Pure, so it is tested on its own (thresholds.test.mjs).

const AGGREGATE = /^(p\((\d+(?:\.\d+)?)\)|avg|min|max|med|count|rate|value)\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)$/;

/** Splits `name{tag:value,tag2:value}` into the metric name and its tag filter. */
export function parseMetricKey(key) {
  const m = /^([^{]+)(?:\{(.*)\})?$/.exec(key.trim());
  if (!m) throw new Error(`bad threshold metric ${key}`);
  const tags = {};
  for (const pair of (m[2] || '').split(',').filter(Boolean)) {
    const i = pair.indexOf(':');
    if (i < 0) throw new Error(`bad tag filter ${pair} in ${key}`);
    tags[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
  }
  return { name: m[1].trim(), tags };
}

/** Parses one threshold expression; a string or k6's object form `{threshold, abortOnFail}`. */
export function parseExpression(source) {
  const text = typeof source === 'string' ? source : source.threshold;
  const m = AGGREGATE.exec(text.replace(/\s+/g, ' ').trim());
  if (!m) throw new Error(`unsupported threshold expression ${text}`);
  return { text, aggregate: m[2] ? 'p' : m[1], percentile: m[2] ? Number(m[2]) : null, op: m[3], bound: Number(m[4]) };
}

function matches(sampleTags, filter) {
  return Object.entries(filter).every(([k, v]) => String(sampleTags[k]) === v);
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

/** The aggregate's value over samples [value, tags] of a metric of the given kind. */
export function aggregateOf(kind, samples, expr) {
  const values = samples.map((s) => s[0]);
  switch (expr.aggregate) {
    case 'count':
      return kind === 'counter' ? values.reduce((a, b) => a + b, 0) : values.length;
    case 'rate':
      return values.length === 0 ? 0 : values.filter((v) => v !== 0).length / values.length;
    case 'value':
      return values.length === 0 ? NaN : values[values.length - 1];
    case 'avg':
      return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
    case 'min':
      return values.length === 0 ? NaN : Math.min(...values);
    case 'max':
      return values.length === 0 ? NaN : Math.max(...values);
    case 'med':
      return percentile([...values].sort((a, b) => a - b), 50);
    case 'p':
      return percentile([...values].sort((a, b) => a - b), expr.percentile);
    default:
      throw new Error(`unknown aggregate ${expr.aggregate}`);
  }
}

function compare(value, op, bound) {
  switch (op) {
    case '<': return value < bound;
    case '<=': return value <= bound;
    case '>': return value > bound;
    case '>=': return value >= bound;
    case '==': return value === bound;
    case '!=': return value !== bound;
    default: throw new Error(op);
  }
}

/**
 * Evaluates every threshold of `options.thresholds` against `metrics` ({name: {kind, values: [[v, tags]]}}).
 * A metric that never got a sample counts as empty: k6 then leaves rate/count thresholds at 0, which this mirrors.
 * Returns one result per expression: {metric, text, value, ok}.
 */
export function evaluate(thresholds, metrics) {
  const results = [];
  for (const [key, expressions] of Object.entries(thresholds || {})) {
    const { name, tags } = parseMetricKey(key);
    const metric = metrics[name] || { kind: 'counter', values: [] };
    const samples = metric.values.filter((s) => matches(s[1] || {}, tags));
    for (const source of expressions) {
      const expr = parseExpression(source);
      const value = aggregateOf(metric.kind, samples, expr);
      results.push({ metric: key, text: expr.text, value, ok: !Number.isNaN(value) && compare(value, expr.op, expr.bound), latency: metric.kind === 'trend' && metric.time === true });
    }
  }
  return results;
}
