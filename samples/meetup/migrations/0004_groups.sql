CREATE TABLE IF NOT EXISTS app_public.groups (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  description text,
  is_public boolean NOT NULL DEFAULT true,
  created_by integer NOT NULL DEFAULT app_public.current_user_id() REFERENCES app_public.users ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE app_public.groups IS 'People who meet around a topic. Private groups are seen by their organizers only.';
CREATE INDEX IF NOT EXISTS groups_created_by_idx ON app_public.groups (created_by);

CREATE TABLE IF NOT EXISTS app_public.organizers (
  group_id integer NOT NULL REFERENCES app_public.groups ON DELETE CASCADE,
  user_id integer NOT NULL REFERENCES app_public.users ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id)
);
COMMENT ON TABLE app_public.organizers IS 'Who runs a group: they may change it and its events.';
CREATE INDEX IF NOT EXISTS organizers_user_id_idx ON app_public.organizers (user_id);

-- SECURITY DEFINER so policies can ask without the organizers policy asking back (no recursion).
CREATE OR REPLACE FUNCTION app_private.is_organizer(group_id integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
  SELECT EXISTS (SELECT 1 FROM app_public.organizers o WHERE o.group_id = is_organizer.group_id AND o.user_id = app_public.current_user_id())
$$;

-- The creator organizes the group from the start.
CREATE OR REPLACE FUNCTION app_private.group_creator_organizes() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
  INSERT INTO app_public.organizers (group_id, user_id) VALUES (NEW.id, NEW.created_by) ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS _100_creator_organizes ON app_public.groups;
CREATE TRIGGER _100_creator_organizes AFTER INSERT ON app_public.groups
  FOR EACH ROW EXECUTE FUNCTION app_private.group_creator_organizes();

ALTER TABLE app_public.groups ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS groups_select ON app_public.groups;
-- created_by is there too: INSERT ... RETURNING checks this policy before the trigger has added the organizer.
CREATE POLICY groups_select ON app_public.groups FOR SELECT
  USING (is_public OR created_by = app_public.current_user_id() OR app_private.is_organizer(id));
DROP POLICY IF EXISTS groups_insert ON app_public.groups;
CREATE POLICY groups_insert ON app_public.groups FOR INSERT TO app_user WITH CHECK (created_by = app_public.current_user_id());
DROP POLICY IF EXISTS groups_update ON app_public.groups;
CREATE POLICY groups_update ON app_public.groups FOR UPDATE TO app_user USING (app_private.is_organizer(id));
DROP POLICY IF EXISTS groups_delete ON app_public.groups;
CREATE POLICY groups_delete ON app_public.groups FOR DELETE TO app_user USING (app_private.is_organizer(id));

ALTER TABLE app_public.organizers ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS organizers_select ON app_public.organizers;
CREATE POLICY organizers_select ON app_public.organizers FOR SELECT
  USING (EXISTS (SELECT 1 FROM app_public.groups g WHERE g.id = group_id));
DROP POLICY IF EXISTS organizers_insert ON app_public.organizers;
CREATE POLICY organizers_insert ON app_public.organizers FOR INSERT TO app_user WITH CHECK (app_private.is_organizer(group_id));
DROP POLICY IF EXISTS organizers_delete ON app_public.organizers;
CREATE POLICY organizers_delete ON app_public.organizers FOR DELETE TO app_user USING (app_private.is_organizer(group_id));

GRANT SELECT ON app_public.groups, app_public.organizers TO app_anonymous, app_user;
GRANT INSERT (name, description, is_public), UPDATE (name, description, is_public), DELETE ON app_public.groups TO app_user;
GRANT INSERT, DELETE ON app_public.organizers TO app_user;
GRANT USAGE ON SEQUENCE app_public.groups_id_seq TO app_user;
