-- Column types PostGraphile v4 maps: scalars, named scalars, arrays, domains, enums, composites, ranges.
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cf_types_auth') THEN CREATE ROLE cf_types_auth LOGIN NOINHERIT PASSWORD 'cf_types_pw'; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cf_types_anon') THEN CREATE ROLE cf_types_anon NOLOGIN; END IF;
END $$;
GRANT cf_types_anon TO cf_types_auth;

CREATE SCHEMA kinds;
GRANT USAGE ON SCHEMA kinds TO cf_types_anon;

CREATE TYPE kinds.mood AS ENUM ('happy', 'sad', 'so-so');
CREATE DOMAIN kinds.email AS text CHECK (value LIKE '%@%');
CREATE DOMAIN kinds.positive AS int CHECK (value > 0);
CREATE TYPE kinds.point2 AS (x int, y int);

CREATE TABLE kinds.sample (
  id int PRIMARY KEY,
  small smallint,
  big bigint,
  exact numeric(10, 2),
  approx double precision,
  real_value real,
  flag boolean,
  label varchar(20),
  letter char(1),
  body text,
  uid uuid,
  doc json,
  docb jsonb,
  day date,
  at_time time,
  at_time_tz timetz,
  stamp timestamp,
  stamp_tz timestamptz,
  span interval,
  address inet,
  network cidr,
  mac macaddr,
  tags text[],
  numbers int[],
  mood kinds.mood,
  moods kinds.mood[],
  mail kinds.email,
  count kinds.positive,
  spot kinds.point2,
  ages int4range,
  period tstzrange,
  raw bytea
);

GRANT SELECT ON kinds.sample TO cf_types_anon;
