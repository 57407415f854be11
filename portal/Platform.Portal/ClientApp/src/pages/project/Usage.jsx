import { useEffect, useState, useCallback } from 'react';
import { get } from '../../lib/api.js';
import { ProjectLayout, useProject } from '../../components/ProjectLayout.jsx';
import { ErrorNotice, Loading, Empty, PageTitle, Field } from '../../components/ui.jsx';
import { LineChart } from '../../components/Chart.jsx';

const ranges = { '1h': 3600e3, '6h': 6 * 3600e3, '24h': 24 * 3600e3, '7d': 7 * 24 * 3600e3 };
const REFRESH_MS = 10000;

function sum(o) {
  return Object.values(o ?? {}).reduce((a, b) => a + (b ?? 0), 0);
}

function shape(points) {
  const labels = points.map((p) => new Date(p.at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }));
  const byClass = (cls) => points.map((p) => ['graphql', 'sql', 'websocket'].reduce((a, s) => a + (p.requests?.[s]?.[cls] ?? 0), 0));
  const codes = [...new Set(points.flatMap((p) => Object.keys(p.errors ?? {})))];
  return {
    labels,
    requests: [
      { name: 'GraphQL', values: points.map((p) => sum(p.requests?.graphql)) },
      { name: 'SQL', values: points.map((p) => sum(p.requests?.sql)) },
      { name: 'WebSocket', values: points.map((p) => sum(p.requests?.websocket)) },
      { name: '4xx', values: byClass('4xx') },
      { name: '5xx', values: byClass('5xx') },
    ],
    errors: codes.map((c) => ({ name: c, values: points.map((p) => p.errors?.[c] ?? 0) })),
    latency: [
      { name: 'p50', values: points.map((p) => p.latencyMs?.p50 ?? null) },
      { name: 'p99', values: points.map((p) => p.latencyMs?.p99 ?? null) },
    ],
    pool: [
      { name: 'in use', values: points.map((p) => p.pool?.inUse ?? 0) },
      { name: 'waiting', values: points.map((p) => p.pool?.waiting ?? 0) },
    ],
  };
}

function UsagePage() {
  const { project } = useProject();
  const [range, setRange] = useState('1h');
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const [updated, setUpdated] = useState(null);

  const load = useCallback(async () => {
    const to = new Date();
    const from = new Date(to.getTime() - ranges[range]);
    try {
      const r = await get(`/api/projects/${project.id}/usage?from=${from.toISOString()}&to=${to.toISOString()}`);
      setData(shape(r.points ?? []));
      setError(null);
      setUpdated(new Date());
    } catch (e) {
      setError(e);
    }
  }, [project.id, range]);

  useEffect(() => {
    load();
    const t = setInterval(load, REFRESH_MS);
    return () => clearInterval(t);
  }, [load]);

  return (
    <>
      <PageTitle>Usage</PageTitle>
      <div className="inline-form">
        <Field label="Period">
          {(p) => (
            <select {...p} value={range} onChange={(e) => setRange(e.target.value)}>
              <option value="1h">Last hour</option><option value="6h">Last 6 hours</option>
              <option value="24h">Last 24 hours</option><option value="7d">Last 7 days</option>
            </select>
          )}
        </Field>
        <p className="muted" role="status" aria-live="off">
          {updated ? `Updated ${updated.toLocaleTimeString()}; refreshes every ${REFRESH_MS / 1000} s while open.` : ''}
        </p>
      </div>
      <ErrorNotice error={error} title="Usage could not be loaded" onRetry={load} />
      {!data && !error && <Loading />}
      {data && data.labels.length === 0 && <Empty title="No traffic in this period"><p>Requests to the project's endpoints appear here within a minute.</p></Empty>}
      {data && data.labels.length > 0 && (
        <div className="charts">
          <LineChart label="Requests per minute" labels={data.labels} series={data.requests} unit="requests" />
          <LineChart label="Errors by code" labels={data.labels} series={data.errors.length ? data.errors : [{ name: 'none', values: data.labels.map(() => 0) }]} unit="errors" />
          <LineChart label="Latency" labels={data.labels} series={data.latency} unit="ms" />
          <LineChart label="Connection pool" labels={data.labels} series={data.pool} unit="connections" />
        </div>
      )}
    </>
  );
}

export function Usage({ projectId }) {
  return <ProjectLayout projectId={projectId}><UsagePage /></ProjectLayout>;
}
