import { useState } from 'react';
import { post } from '../lib/api.js';
import { Field, ErrorNotice, PageTitle } from '../components/ui.jsx';
import { DevOutbox } from '../components/DevOutbox.jsx';

export function SignUp() {
  const [form, setForm] = useState({ email: '', displayName: '', password: '', confirm: '' });
  const [errors, setErrors] = useState({});
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(null);
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.value });

  async function submit(e) {
    e.preventDefault();
    const local = {};
    if (!/^\S+@\S+\.\S+$/.test(form.email)) local.email = 'Enter an email address such as ada@example.com.';
    if (form.password.length < 10) local.password = 'Use at least 10 characters.';
    if (form.password !== form.confirm) local.confirm = 'The two passwords are not the same.';
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    setError(null);
    try {
      const user = await post('/api/account/signup', { email: form.email, password: form.password, displayName: form.displayName || undefined });
      setDone(user);
    } catch (ex) {
      if (ex.code === 'EMAIL_TAKEN') setErrors({ email: 'An account with this email already exists. Sign in instead, or reset your password.' });
      else if (ex.code === 'VALIDATION_FAILED') setErrors(Object.fromEntries(Object.entries(ex.fieldErrors).map(([k, v]) => [k, v.join(' ')])));
      else setError(ex);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <div className="narrow">
        <PageTitle>Check your email</PageTitle>
        <p>Your account <strong>{done.email}</strong> is ready. We sent a link to confirm your address.</p>
        <DevOutbox email={done.email} kind="confirm-email" />
        <p><a className="button" href="/bff/login?returnUrl=%2Fprojects%2Fnew">Sign in and create a project</a></p>
      </div>
    );
  }

  return (
    <div className="narrow">
      <PageTitle>Create your account</PageTitle>
      <form onSubmit={submit} noValidate>
        <Field label="Email" error={errors.email}>
          {(p) => <input {...p} type="email" autoComplete="email" value={form.email} onChange={set('email')} required />}
        </Field>
        <Field label="Name (optional)" help="Shown to your teammates." error={errors.displayName}>
          {(p) => <input {...p} type="text" autoComplete="name" value={form.displayName} onChange={set('displayName')} />}
        </Field>
        <Field label="Password" help="At least 10 characters, mixing letters with digits or symbols." error={errors.password}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={form.password} onChange={set('password')} required />}
        </Field>
        <Field label="Confirm password" error={errors.confirm}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={form.confirm} onChange={set('confirm')} required />}
        </Field>
        <ErrorNotice error={error} title="Your account could not be created" />
        <button className="button" type="submit" disabled={busy}>{busy ? 'Creating your account…' : 'Create account'}</button>
      </form>
      <p className="muted">Already have an account? <a href="/bff/login">Sign in</a>.</p>
    </div>
  );
}
