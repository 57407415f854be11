// Shows the portal's own readiness, which includes the control-plane API behind it.
fetch('/readyz')
  .then(r => r.json().then(body => ({ ok: r.ok, body })))
  .then(({ ok, body }) => {
    document.getElementById('portal-status').textContent = ok ? 'ready' : 'not ready (' + body.status + ')';
  })
  .catch(() => { document.getElementById('portal-status').textContent = 'unreachable'; });
