import { useState } from 'react';
import { get, post, patch, del, items, formatTime } from '../lib/api.js';
import { useSession, atLeast } from '../lib/session.js';
import { Field, ErrorNotice, Loading, Empty, PageTitle, Table, Secret, useLoad } from '../components/ui.jsx';
import { DevOutbox } from '../components/DevOutbox.jsx';

const roles = ['viewer', 'developer', 'admin', 'owner'];

export function Team() {
  const session = useSession();
  const team = session.team;
  const admin = team && atLeast(team.role, 'admin');
  const members = useLoad(() => get(`/api/teams/${team.id}/members`).then(items), [team?.id]);
  const invitations = useLoad(() => (admin ? get(`/api/teams/${team.id}/invitations`).then(items) : Promise.resolve([])), [team?.id, admin]);
  const [invite, setInvite] = useState({ email: '', role: 'developer' });
  const [inviteErrors, setInviteErrors] = useState({});
  const [actionError, setActionError] = useState(null);
  const [created, setCreated] = useState(null);
  const [newTeam, setNewTeam] = useState('');

  async function act(fn) {
    setActionError(null);
    try { await fn(); } catch (e) { setActionError(e); }
  }

  async function sendInvite(e) {
    e.preventDefault();
    setInviteErrors({});
    if (!/^\S+@\S+\.\S+$/.test(invite.email)) { setInviteErrors({ email: 'Enter the email address to invite.' }); return; }
    try {
      const r = await post(`/api/teams/${team.id}/invitations`, invite);
      setCreated(r);
      setInvite({ email: '', role: 'developer' });
      invitations.reload();
    } catch (ex) {
      if (ex.code === 'VALIDATION_FAILED') setInviteErrors(Object.fromEntries(Object.entries(ex.fieldErrors).map(([k, v]) => [k, v.join(' ')])));
      else setActionError(ex);
    }
  }

  if (!team) return <Empty title="You are in no team" />;
  return (
    <>
      <PageTitle>Team: {team.name}</PageTitle>
      <ErrorNotice error={actionError} title="That did not work" />
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        {members.loading && <Loading />}
        <ErrorNotice error={members.error} title="Members could not be loaded" onRetry={members.reload} />
        {members.data && (
          <Table
            caption="Members"
            rows={members.data}
            rowKey={(m) => m.userId}
            columns={[
              { key: 'email', label: 'Email', render: (m) => <>{m.displayName ? `${m.displayName} · ` : ''}{m.email}</> },
              {
                key: 'role',
                label: 'Role',
                render: (m) => (admin ? (
                  <select
                    aria-label={`Role of ${m.email}`}
                    value={m.role}
                    onChange={(e) => act(async () => { await patch(`/api/teams/${team.id}/members/${m.userId}`, { role: e.target.value }); members.reload(); })}
                  >
                    {roles.map((r) => <option key={r} value={r}>{r}</option>)}
                  </select>
                ) : m.role),
              },
              { key: 'joinedAt', label: 'Joined', render: (m) => formatTime(m.joinedAt) },
              {
                key: 'actions',
                label: 'Actions',
                render: (m) => ((admin || m.userId === session.me.id) ? (
                  <button
                    type="button"
                    className="button small danger"
                    onClick={() => act(async () => { await del(`/api/teams/${team.id}/members/${m.userId}`); members.reload(); if (m.userId === session.me.id) session.reloadMe(); })}
                  >
                    {m.userId === session.me.id ? 'Leave team' : `Remove ${m.email}`}
                  </button>
                ) : null),
              },
            ]}
          />
        )}
      </section>

      {admin && (
        <section aria-labelledby="invite-heading">
          <h2 id="invite-heading">Invite someone</h2>
          <form onSubmit={sendInvite} className="inline-form">
            <Field label="Email" error={inviteErrors.email}>
              {(p) => <input {...p} type="email" value={invite.email} onChange={(e) => setInvite({ ...invite, email: e.target.value })} />}
            </Field>
            <Field label="Role" help="Viewers read; developers create keys and deploy; admins manage members." error={inviteErrors.role}>
              {(p) => (
                <select {...p} value={invite.role} onChange={(e) => setInvite({ ...invite, role: e.target.value })}>
                  {roles.filter((r) => r !== 'owner' || team.role === 'owner').map((r) => <option key={r} value={r}>{r}</option>)}
                </select>
              )}
            </Field>
            <button className="button" type="submit">Send invitation</button>
          </form>
          {created && (
            <div className="notice" role="status">
              <p>Invitation sent to <strong>{created.email}</strong> as {created.role}; it expires {formatTime(created.expiresAt)}.</p>
              <DevOutbox email={created.email} kind="invitation" />
              {created.token && <Secret label="invitation token" value={created.token} />}
            </div>
          )}
          <h3>Pending invitations</h3>
          <ErrorNotice error={invitations.error} title="Invitations could not be loaded" onRetry={invitations.reload} />
          {invitations.data && invitations.data.length === 0 && <p className="muted">No pending invitations.</p>}
          {invitations.data && invitations.data.length > 0 && (
            <Table
              caption="Pending invitations"
              rows={invitations.data}
              rowKey={(i) => i.id}
              columns={[
                { key: 'email', label: 'Email' },
                { key: 'role', label: 'Role' },
                { key: 'expiresAt', label: 'Expires', render: (i) => formatTime(i.expiresAt) },
                {
                  key: 'x',
                  label: 'Actions',
                  render: (i) => <button type="button" className="button small danger" onClick={() => act(async () => { await del(`/api/teams/${team.id}/invitations/${i.id}`); invitations.reload(); })}>Cancel invitation to {i.email}</button>,
                },
              ]}
            />
          )}
        </section>
      )}

      <section aria-labelledby="newteam-heading">
        <h2 id="newteam-heading">Create another team</h2>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            act(async () => {
              const t = await post('/api/teams', { name: newTeam });
              setNewTeam('');
              await session.reloadMe();
              session.switchTeam(t.id);
            });
          }}
        >
          <Field label="Team name">
            {(p) => <input {...p} value={newTeam} onChange={(e) => setNewTeam(e.target.value)} required />}
          </Field>
          <button className="button secondary" type="submit">Create team</button>
        </form>
      </section>
    </>
  );
}
