import { useState } from 'react';
import { post } from '../lib/api.js';
import { query } from '../lib/router.js';
import { Field, ErrorNotice, PageTitle } from '../components/ui.jsx';

export function ResetPassword() {
  const email = query('email') ?? '';
  const token = query('token') ?? '';
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState(null);
  const [error, setError] = useState(null);
  const [done, setDone] = useState(false);
  async function submit(e) {
    e.preventDefault();
    setError(null);
    setFieldError(null);
    try {
      await post('/api/account/password-reset/confirm', { email, token, newPassword: password });
      setDone(true);
    } catch (ex) {
      if (ex.code === 'VALIDATION_FAILED') setFieldError(Object.values(ex.fieldErrors).flat().join(' ') || ex.message);
      else if (ex.code === 'INVALID_TOKEN') setError({ ...ex, message: 'This reset link is no longer valid. Ask for a new one.' });
      else setError(ex);
    }
  }
  return (
    <div className="narrow">
      <PageTitle>Choose a new password</PageTitle>
      {done ? (
        <p role="status">Your password is changed. <a href="/bff/login">Sign in</a>.</p>
      ) : (
        <form onSubmit={submit}>
          <p>For <strong>{email || 'your account'}</strong>.</p>
          <Field label="New password" help="At least 10 characters, mixing letters with digits or symbols." error={fieldError}>
            {(p) => <input {...p} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required />}
          </Field>
          <ErrorNotice error={error} title="The password was not changed" />
          <button className="button" type="submit">Change password</button>
        </form>
      )}
    </div>
  );
}
