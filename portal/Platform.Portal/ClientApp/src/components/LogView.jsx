import { useEffect, useRef, useState } from 'react';

/**
 * Streams a deployment's log from the control plane's text/event-stream endpoint (through the portal, which adds
 * the token) with fetch and a stream reader, and falls back to polling the JSON log when streaming is refused.
 */
export function LogView({ projectId, deploymentId, onEnd }) {
  const [lines, setLines] = useState([]);
  const [status, setStatus] = useState('connecting');
  const [error, setError] = useState(null);
  const box = useRef(null);
  const endRef = useRef(onEnd);
  endRef.current = onEnd;

  useEffect(() => {
    const abort = new AbortController();
    let lastSeq = 0;
    const add = (line) => {
      if (line.seq <= lastSeq) return;
      lastSeq = line.seq;
      setLines((l) => [...l, line]);
    };
    const finish = (end) => {
      setStatus(end.status || 'done');
      endRef.current?.(end);
    };

    async function stream() {
      const base = `/api/projects/${projectId}/deployments/${deploymentId}/log`;
      const r = await fetch(`${base}/stream`, { headers: { 'X-Portal': '1', Accept: 'text/event-stream' }, signal: abort.signal });
      if (!r.ok || !r.body) return poll(base);
      setStatus('streaming');
      const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        let idx;
        while ((idx = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, idx);
          buf = buf.slice(idx + 2);
          let event = 'message';
          let data = '';
          for (const l of block.split('\n')) {
            if (l.startsWith('event:')) event = l.slice(6).trim();
            else if (l.startsWith('data:')) data += l.slice(5).trim();
          }
          if (!data) continue;
          const payload = JSON.parse(data);
          if (event === 'line') add(payload);
          else if (event === 'end') { finish(payload); return; }
        }
      }
      return poll(base);
    }

    async function poll(base) {
      setStatus('polling');
      for (;;) {
        const r = await fetch(`${base}?after=${lastSeq}`, { headers: { 'X-Portal': '1' }, signal: abort.signal });
        if (!r.ok) throw new Error(`The deployment log could not be read (HTTP ${r.status}).`);
        const body = await r.json();
        (body.lines ?? []).forEach(add);
        if (body.done) { finish({ status: body.status }); return; }
        await new Promise((res) => setTimeout(res, 1000));
      }
    }

    stream().catch((e) => {
      if (e.name !== 'AbortError') { setError(e.message); setStatus('error'); }
    });
    return () => abort.abort();
  }, [projectId, deploymentId]);

  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines]);

  const live = status === 'streaming' || status === 'polling' || status === 'connecting';
  return (
    <div className="log">
      <p className="log-status" role="status">
        {live && <span className="spinner" aria-hidden="true" />}
        {status === 'connecting' && 'Connecting to the log…'}
        {live && status !== 'connecting' && 'Deploying — the log updates live.'}
        {status === 'succeeded' && 'Deployment succeeded.'}
        {status === 'failed' && 'Deployment failed.'}
        {status === 'error' && error}
      </p>
      <pre ref={box} className="log-lines" tabIndex={0} aria-label="Deployment log" data-testid="deployment-log">
        {lines.length === 0 && live ? 'Waiting for the first line…' : lines.map((l) => `${l.text}\n`).join('')}
      </pre>
    </div>
  );
}
