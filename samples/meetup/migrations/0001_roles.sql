-- Roles are cluster-wide, so two databases of one cluster share them: create them only when missing (another
-- database's migration may have made them, even at the same moment), and never give them LOGIN or privileges outside
-- this database. Creating them needs CREATEROLE, which the platform refuses in a tenant login (with it, a service key
-- could grant itself pg_execute_server_program): a safe owner is a plain LOGIN role that owns the database, and the
-- cluster's admin creates these two roles once beforehand and grants them to it (as run.sh does), so this file finds
-- them present and changes nothing. Nothing here needs superuser.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_anonymous') THEN
    CREATE ROLE app_anonymous NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_user') THEN
    CREATE ROLE app_user NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

-- The owner is a member so it can act as these roles when it connects itself; the platform connects as a separate
-- LOGIN NOINHERIT authenticator granted them (run.sh makes it), as PostGraphile recommends.
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'app_anonymous', 'MEMBER') THEN
    EXECUTE format('GRANT app_anonymous TO %I', current_user);
  END IF;
  IF NOT pg_has_role(current_user, 'app_user', 'MEMBER') THEN
    EXECUTE format('GRANT app_user TO %I', current_user);
  END IF;
END $$;
