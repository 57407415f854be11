-- The demo project's tenant schema: small, idempotent, re-applied by run.sh on every start.
-- Apply it as the database's owner: a plain LOGIN role that owns the database and has no SUPERUSER, CREATEROLE,
-- REPLICATION or BYPASSRLS and no pg_*_server_* role (the platform refuses such a login: docs/project-settings.md).
CREATE TABLE IF NOT EXISTS public.groups (
    id serial PRIMARY KEY,
    name text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS public.events (
    id serial PRIMARY KEY,
    group_id integer NOT NULL REFERENCES public.groups (id) ON DELETE CASCADE,
    title text NOT NULL,
    starts_at timestamptz NOT NULL,
    venue text
);

COMMENT ON TABLE public.groups IS 'People who meet around a topic.';
COMMENT ON TABLE public.events IS 'A meeting of a group.';

INSERT INTO public.groups (name) VALUES ('PostgreSQL Users'), ('GraphQL Builders')
ON CONFLICT (name) DO NOTHING;

INSERT INTO public.events (group_id, title, starts_at, venue)
SELECT g.id, e.title, e.starts_at, e.venue
FROM (VALUES
    ('PostgreSQL Users', 'Row-level security in practice', timestamptz '2026-12-03 18:30+00', 'Main hall'),
    ('PostgreSQL Users', 'Indexes, explained', timestamptz '2027-01-14 18:30+00', 'Room 2'),
    ('GraphQL Builders', 'Schemas from databases', timestamptz '2026-12-10 19:00+00', NULL)
) AS e (group_name, title, starts_at, venue)
JOIN public.groups g ON g.name = e.group_name
WHERE NOT EXISTS (SELECT 1 FROM public.events x WHERE x.title = e.title);
