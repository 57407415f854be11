-- Sample content so anonymous visitors see something: one public group with events, one private group.
-- The organizer account has no password, so nobody can sign in as it.
INSERT INTO app_public.users (username, name) VALUES ('meetup-team', 'Meetup team') ON CONFLICT (username) DO NOTHING;

INSERT INTO app_public.groups (name, description, is_public, created_by)
SELECT g.name, g.description, g.is_public, u.id
FROM (VALUES
  ('PostgreSQL Users', 'Monthly talks about PostgreSQL.', true),
  ('Organizers Lounge', 'Planning the next meetups.', false)
) AS g (name, description, is_public)
CROSS JOIN app_public.users u WHERE u.username = 'meetup-team'
ON CONFLICT (name) DO NOTHING;

INSERT INTO app_public.events (group_id, title, starts_at, venue)
SELECT g.id, e.title, e.starts_at, e.venue
FROM (VALUES
  ('PostgreSQL Users', 'Row-level security in practice', timestamptz '2026-12-03 18:30+00', 'Main hall'),
  ('PostgreSQL Users', 'Indexes, explained', timestamptz '2027-01-14 18:30+00', 'Room 2'),
  ('Organizers Lounge', 'Speaker planning', timestamptz '2026-11-20 17:00+00', NULL)
) AS e (group_name, title, starts_at, venue)
JOIN app_public.groups g ON g.name = e.group_name
WHERE NOT EXISTS (SELECT 1 FROM app_public.events x WHERE x.title = e.title AND x.group_id = g.id);
