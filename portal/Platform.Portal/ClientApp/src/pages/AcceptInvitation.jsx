import { useState } from 'react';
import { post } from '../lib/api.js';
import { query, navigate } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { ErrorNotice, PageTitle } from '../components/ui.jsx';

export function AcceptInvitation() {
  const session = useSession();
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  async function accept() {
    setBusy(true);
    setError(null);
    try {
      const r = await post('/api/invitations/accept', { token: query('token') });
      await session.reloadMe();
      session.switchTeam(r.teamId);
      navigate('/projects');
    } catch (e) {
      setError(e.code === 'INVALID_TOKEN' ? { ...e, message: 'This invitation is unknown, already used or expired. Ask for a new one.' } : e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="narrow">
      <PageTitle>Join a team</PageTitle>
      <p>You were invited to a team. Accepting adds it to your team switcher as <strong>{session.me.email}</strong>.</p>
      <ErrorNotice error={error} title="The invitation was not accepted" />
      <button type="button" className="button" onClick={accept} disabled={busy}>{busy ? 'Joining…' : 'Accept invitation'}</button>
    </div>
  );
}
