-- app_public is the API; app_private holds what no request may read directly (emails, password hashes).
-- pgcrypto ships with Debian's postgresql package and is a trusted extension, so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;

CREATE SCHEMA IF NOT EXISTS app_public;
CREATE SCHEMA IF NOT EXISTS app_private;

GRANT USAGE ON SCHEMA app_public TO app_anonymous, app_user;
-- Policies call app_private helpers as the requesting role; the tables there stay without grants.
GRANT USAGE ON SCHEMA app_private TO app_anonymous, app_user;

CREATE OR REPLACE FUNCTION app_public.current_user_id() RETURNS integer
LANGUAGE sql STABLE AS $$
  -- After a request ends, PostgreSQL leaves an empty placeholder for the setting, hence nullif.
  SELECT nullif(current_setting('jwt.claims.user_id', true), '')::integer
$$;
COMMENT ON FUNCTION app_public.current_user_id() IS 'The signed-in user''s id from the JWT, or null.';

-- The token authenticate() returns; the platform signs it because settings.json names it as jwt.tokenType.
DO $$
BEGIN
  CREATE TYPE app_public.jwt_token AS (role text, user_id integer, exp bigint);
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
