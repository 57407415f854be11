CREATE TABLE IF NOT EXISTS app_public.users (
  id serial PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-zA-Z][a-zA-Z0-9_-]{2,31}$'),
  name text,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE app_public.users IS 'A person who uses the meetup. Profiles are public.';

CREATE TABLE IF NOT EXISTS app_private.user_secrets (
  user_id integer PRIMARY KEY REFERENCES app_public.users ON DELETE CASCADE,
  email text NOT NULL UNIQUE CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
  password_hash text NOT NULL
);

ALTER TABLE app_public.users ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS users_select ON app_public.users;
CREATE POLICY users_select ON app_public.users FOR SELECT USING (true);
DROP POLICY IF EXISTS users_update_self ON app_public.users;
CREATE POLICY users_update_self ON app_public.users FOR UPDATE TO app_user USING (id = app_public.current_user_id());
DROP POLICY IF EXISTS users_delete_self ON app_public.users;
CREATE POLICY users_delete_self ON app_public.users FOR DELETE TO app_user USING (id = app_public.current_user_id());

GRANT SELECT ON app_public.users TO app_anonymous, app_user;
-- Accounts are made by register_user only; a user may rename or delete themself.
GRANT UPDATE (name) ON app_public.users TO app_user;
GRANT DELETE ON app_public.users TO app_user;

CREATE OR REPLACE FUNCTION app_public."current_user"() RETURNS app_public.users
LANGUAGE sql STABLE AS $$
  SELECT u.* FROM app_public.users u WHERE u.id = app_public.current_user_id()
$$;
COMMENT ON FUNCTION app_public."current_user"() IS 'The signed-in user, or null.';

-- SECURITY DEFINER: anonymous callers may create an account but never touch app_private themselves.
CREATE OR REPLACE FUNCTION app_public.register_user(username text, email text, password text, name text DEFAULT NULL)
RETURNS app_public.users
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  created app_public.users;
BEGIN
  IF length(password) < 8 THEN
    RAISE EXCEPTION 'The password must have at least 8 characters.';
  END IF;
  INSERT INTO app_public.users (username, name) VALUES (register_user.username, register_user.name) RETURNING * INTO created;
  INSERT INTO app_private.user_secrets (user_id, email, password_hash)
  VALUES (created.id, lower(register_user.email), crypt(register_user.password, gen_salt('bf', 8)));
  RETURN created;
END
$$;
COMMENT ON FUNCTION app_public.register_user(text, text, text, text) IS 'Creates an account; sign in with authenticate.';

CREATE OR REPLACE FUNCTION app_public.authenticate(email text, password text) RETURNS app_public.jwt_token
LANGUAGE plpgsql VOLATILE STRICT SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  secret app_private.user_secrets;
BEGIN
  SELECT s.* INTO secret FROM app_private.user_secrets s WHERE s.email = lower(authenticate.email);
  IF secret.password_hash IS NOT NULL AND secret.password_hash = crypt(authenticate.password, secret.password_hash) THEN
    RETURN ('app_user', secret.user_id, extract(epoch FROM now() + interval '7 days')::bigint)::app_public.jwt_token;
  END IF;
  -- Unknown email and wrong password look the same: a null token.
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION app_public.authenticate(text, text) IS 'A JWT for the account with this email and password, or null.';
