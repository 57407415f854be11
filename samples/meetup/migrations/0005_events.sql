CREATE TABLE IF NOT EXISTS app_public.events (
  id serial PRIMARY KEY,
  group_id integer NOT NULL REFERENCES app_public.groups ON DELETE CASCADE,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  starts_at timestamptz NOT NULL,
  venue text,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE app_public.events IS 'A meeting of a group; visible when its group is.';
CREATE INDEX IF NOT EXISTS events_group_id_idx ON app_public.events (group_id);

CREATE TABLE IF NOT EXISTS app_public.attendance (
  event_id integer NOT NULL REFERENCES app_public.events ON DELETE CASCADE,
  user_id integer NOT NULL DEFAULT app_public.current_user_id() REFERENCES app_public.users ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, user_id)
);
COMMENT ON TABLE app_public.attendance IS 'Who said they will come to an event.';
CREATE INDEX IF NOT EXISTS attendance_user_id_idx ON app_public.attendance (user_id);

CREATE TABLE IF NOT EXISTS app_public.comments (
  id serial PRIMARY KEY,
  event_id integer NOT NULL REFERENCES app_public.events ON DELETE CASCADE,
  author_id integer NOT NULL DEFAULT app_public.current_user_id() REFERENCES app_public.users ON DELETE CASCADE,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE app_public.comments IS 'What people say about an event.';
CREATE INDEX IF NOT EXISTS comments_event_id_idx ON app_public.comments (event_id);
CREATE INDEX IF NOT EXISTS comments_author_id_idx ON app_public.comments (author_id);

-- Events, attendance and comments are visible exactly when their group is (the groups policy applies inside).
ALTER TABLE app_public.events ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS events_select ON app_public.events;
CREATE POLICY events_select ON app_public.events FOR SELECT USING (EXISTS (SELECT 1 FROM app_public.groups g WHERE g.id = group_id));
DROP POLICY IF EXISTS events_insert ON app_public.events;
CREATE POLICY events_insert ON app_public.events FOR INSERT TO app_user WITH CHECK (app_private.is_organizer(group_id));
DROP POLICY IF EXISTS events_update ON app_public.events;
CREATE POLICY events_update ON app_public.events FOR UPDATE TO app_user USING (app_private.is_organizer(group_id)) WITH CHECK (app_private.is_organizer(group_id));
DROP POLICY IF EXISTS events_delete ON app_public.events;
CREATE POLICY events_delete ON app_public.events FOR DELETE TO app_user USING (app_private.is_organizer(group_id));

ALTER TABLE app_public.attendance ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS attendance_select ON app_public.attendance;
CREATE POLICY attendance_select ON app_public.attendance FOR SELECT USING (EXISTS (SELECT 1 FROM app_public.events e WHERE e.id = event_id));
DROP POLICY IF EXISTS attendance_insert ON app_public.attendance;
CREATE POLICY attendance_insert ON app_public.attendance FOR INSERT TO app_user
  WITH CHECK (user_id = app_public.current_user_id() AND EXISTS (SELECT 1 FROM app_public.events e WHERE e.id = event_id));
DROP POLICY IF EXISTS attendance_delete ON app_public.attendance;
CREATE POLICY attendance_delete ON app_public.attendance FOR DELETE TO app_user USING (user_id = app_public.current_user_id());

ALTER TABLE app_public.comments ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS comments_select ON app_public.comments;
CREATE POLICY comments_select ON app_public.comments FOR SELECT USING (EXISTS (SELECT 1 FROM app_public.events e WHERE e.id = event_id));
DROP POLICY IF EXISTS comments_insert ON app_public.comments;
CREATE POLICY comments_insert ON app_public.comments FOR INSERT TO app_user
  WITH CHECK (author_id = app_public.current_user_id() AND EXISTS (SELECT 1 FROM app_public.events e WHERE e.id = event_id));
DROP POLICY IF EXISTS comments_update ON app_public.comments;
CREATE POLICY comments_update ON app_public.comments FOR UPDATE TO app_user USING (author_id = app_public.current_user_id());
DROP POLICY IF EXISTS comments_delete ON app_public.comments;
CREATE POLICY comments_delete ON app_public.comments FOR DELETE TO app_user USING (author_id = app_public.current_user_id());

GRANT SELECT ON app_public.events, app_public.attendance, app_public.comments TO app_anonymous, app_user;
GRANT INSERT (group_id, title, starts_at, venue), UPDATE (title, starts_at, venue), DELETE ON app_public.events TO app_user;
GRANT INSERT (event_id), DELETE ON app_public.attendance TO app_user;
GRANT INSERT (event_id, body), UPDATE (body), DELETE ON app_public.comments TO app_user;
GRANT USAGE ON SEQUENCE app_public.events_id_seq, app_public.comments_id_seq TO app_user;
