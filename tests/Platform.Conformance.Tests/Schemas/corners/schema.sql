-- What PostGraphile v4 skips or renames on a schema nobody wrote for it: enum labels made of symbols, a table named
-- like another's input type, a foreign key declared twice, a range type's constructor functions; plus @unique on a
-- view and every unique key's update and delete mutations.
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cf_corners_auth') THEN CREATE ROLE cf_corners_auth LOGIN NOINHERIT PASSWORD 'cf_corners_pw'; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cf_corners_anon') THEN CREATE ROLE cf_corners_anon NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cf_corners_user') THEN CREATE ROLE cf_corners_user NOLOGIN; END IF;
END $$;
GRANT cf_corners_anon, cf_corners_user TO cf_corners_auth;

CREATE SCHEMA corner;
GRANT USAGE ON SCHEMA corner TO cf_corners_anon, cf_corners_user;

CREATE TYPE corner.op AS ENUM ('*', '**', '>=', '$', 'a b', '1st');
CREATE TYPE corner.floatrange AS RANGE (subtype = float8);

CREATE TABLE corner.reserved (
  id int PRIMARY KEY,
  name text NOT NULL UNIQUE,
  op corner.op
);
CREATE TABLE corner.reserved_input (
  id int PRIMARY KEY,
  reserved_id int REFERENCES corner.reserved,
  span corner.floatrange,
  ops corner.op[]
);
ALTER TABLE corner.reserved_input ADD CONSTRAINT reserved_again FOREIGN KEY (reserved_id) REFERENCES corner.reserved (id);
CREATE INDEX ON corner.reserved_input (reserved_id);

CREATE VIEW corner.reserved_name AS SELECT id, name, op FROM corner.reserved;
COMMENT ON VIEW corner.reserved_name IS E'@unique name\nReserved rows by name.';

GRANT SELECT ON ALL TABLES IN SCHEMA corner TO cf_corners_anon, cf_corners_user;
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA corner TO cf_corners_user;

-- v4's simple collections: allReservedInputRecordsList and reservedInputRecordsByReservedIdList beside the connections.
COMMENT ON TABLE corner.reserved_input IS E'@simpleCollections both';
