import { useEffect, useState } from 'react';
import { get, items } from '../lib/api.js';

/**
 * In Development the control plane keeps mail in an outbox it lets anyone read; the portal shows the newest link
 * of the wanted kind so a developer can follow it. Elsewhere the outbox answers 404 and nothing is shown.
 */
export function DevOutbox({ email, kind }) {
  const [message, setMessage] = useState(null);
  useEffect(() => {
    if (!email) return undefined;
    let stop = false;
    (async () => {
      for (let i = 0; i < 10 && !stop; i++) {
        try {
          const list = items(await get(`/api/dev/outbox?to=${encodeURIComponent(email)}&limit=10`));
          const m = list.find((x) => x.kind === kind);
          if (m) { setMessage(m); return; }
        } catch {
          return;
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    return () => { stop = true; };
  }, [email, kind]);
  if (!message) return null;
  const url = new URL(message.link, window.location.origin);
  const local = url.origin === window.location.origin ? url.pathname + url.search : message.link;
  return (
    <div className="notice notice-dev" role="status">
      <p><strong>Development outbox:</strong> mail is not sent here. {message.subject}</p>
      <p><a href={local} data-testid="outbox-link">Open the link from the email</a></p>
    </div>
  );
}
