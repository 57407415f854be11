-- v4's simpleCollections option set for the whole project ("both"), and the @simpleCollections tags that override it
-- on a table, on a foreign key constraint and on functions.
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cf_coll_auth') THEN CREATE ROLE cf_coll_auth LOGIN NOINHERIT PASSWORD 'cf_coll_pw'; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cf_coll_anon') THEN CREATE ROLE cf_coll_anon NOLOGIN; END IF;
END $$;
GRANT cf_coll_anon TO cf_coll_auth;

CREATE SCHEMA lib;
GRANT USAGE ON SCHEMA lib TO cf_coll_anon;

CREATE TABLE lib.author (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE lib.book (
  id serial PRIMARY KEY,
  title text NOT NULL,
  author_id int NOT NULL REFERENCES lib.author,
  editor_id int CONSTRAINT book_editor_fkey REFERENCES lib.author,
  translator_id int CONSTRAINT book_translator_fkey REFERENCES lib.author
);
CREATE INDEX ON lib.book (author_id);
CREATE INDEX ON lib.book (editor_id);
CREATE INDEX ON lib.book (translator_id);
-- The constraint's tag wins over the project's option: books by editor as a list only, by translator as a connection only.
COMMENT ON CONSTRAINT book_editor_fkey ON lib.book IS '@simpleCollections only';
COMMENT ON CONSTRAINT book_translator_fkey ON lib.book IS '@simpleCollections omit';
-- A table's tag wins over the option for its own collections and the relations that read it.
CREATE TABLE lib.shelf (id serial PRIMARY KEY, label text NOT NULL, author_id int REFERENCES lib.author);
CREATE INDEX ON lib.shelf (author_id);
COMMENT ON TABLE lib.shelf IS '@simpleCollections omit';

CREATE FUNCTION lib.titles() RETURNS SETOF text LANGUAGE sql STABLE AS $$ SELECT title FROM lib.book ORDER BY id $$;
CREATE FUNCTION lib.books_by(author int) RETURNS SETOF lib.book LANGUAGE sql STABLE AS $$ SELECT * FROM lib.book WHERE author_id = author ORDER BY id $$;
CREATE FUNCTION lib.recent_books() RETURNS SETOF lib.book LANGUAGE sql STABLE AS $$ SELECT * FROM lib.book ORDER BY id DESC $$;
COMMENT ON FUNCTION lib.recent_books() IS '@simpleCollections omit';
CREATE FUNCTION lib.author_book_titles(a lib.author) RETURNS SETOF text LANGUAGE sql STABLE AS $$ SELECT title FROM lib.book WHERE author_id = a.id ORDER BY id $$;

GRANT SELECT ON ALL TABLES IN SCHEMA lib TO cf_coll_anon;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA lib FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA lib TO cf_coll_anon;
