import { useEffect, useState } from 'react';
import { post } from '../lib/api.js';
import { query } from '../lib/router.js';
import { ErrorNotice, Loading, PageTitle, Link } from '../components/ui.jsx';

export function ConfirmEmail() {
  const [state, setState] = useState('working');
  const [error, setError] = useState(null);
  useEffect(() => {
    post('/api/account/confirm-email', { userId: query('userId'), token: query('token') }).then(
      () => setState('done'),
      (e) => { setError(e.code === 'INVALID_TOKEN' ? { ...e, message: 'This confirmation link is no longer valid.' } : e); setState('failed'); },
    );
  }, []);
  return (
    <div className="narrow">
      <PageTitle>Confirm your email</PageTitle>
      {state === 'working' && <Loading label="Confirming…" />}
      {state === 'done' && <p role="status">Your email address is confirmed. <Link to="/projects">Go to your projects</Link>.</p>}
      {state === 'failed' && <ErrorNotice error={error} title="Your email was not confirmed" />}
    </div>
  );
}
