import { useState } from 'react';
import { post } from '../lib/api.js';
import { Field, ErrorNotice, PageTitle } from '../components/ui.jsx';
import { DevOutbox } from '../components/DevOutbox.jsx';

export function ForgotPassword() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  async function submit(e) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await post('/api/account/password-reset', { email });
      setSent(true);
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="narrow">
      <PageTitle>Reset your password</PageTitle>
      {sent ? (
        <>
          <p>If an account exists for <strong>{email}</strong>, we sent it a link to choose a new password.</p>
          <DevOutbox email={email} kind="password-reset" />
        </>
      ) : (
        <form onSubmit={submit}>
          <Field label="Email" help="We send a reset link to this address.">
            {(p) => <input {...p} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />}
          </Field>
          <ErrorNotice error={error} title="The reset could not be requested" />
          <button className="button" type="submit" disabled={busy}>{busy ? 'Sending…' : 'Send reset link'}</button>
        </form>
      )}
    </div>
  );
}
