-- The side-by-side benchmark's database: a meetup-like schema of realistic size, set up the way PostGraphile's docs
-- teach (a NOINHERIT authenticator granted an anonymous and a user role, row-level security on one table).
-- Roles are cluster-wide, so they are created only when missing; everything else lives in this database.

do $$ begin
  if not exists (select 1 from pg_roles where rolname = 'bench_anonymous') then create role bench_anonymous nologin; end if;
  if not exists (select 1 from pg_roles where rolname = 'bench_user') then create role bench_user nologin; end if;
  if not exists (select 1 from pg_roles where rolname = 'bench_authenticator') then
    create role bench_authenticator login noinherit password 'bench_authenticator';
  end if;
end $$;
alter role bench_authenticator login noinherit password 'bench_authenticator';
grant bench_anonymous, bench_user to bench_authenticator;

create schema app_public;
grant usage on schema app_public to bench_anonymous, bench_user;

create table app_public.users (
  id serial primary key,
  username text not null unique,
  created_at timestamptz not null default now()
);

create table app_public.groups (
  id serial primary key,
  name text not null,
  created_at timestamptz not null default now()
);

create table app_public.events (
  id serial primary key,
  group_id int not null references app_public.groups (id),
  title text not null,
  starts_at timestamptz not null,
  capacity int
);
create index on app_public.events (group_id);
create index on app_public.events (starts_at);

create table app_public.comments (
  id serial primary key,
  event_id int not null references app_public.events (id),
  author_id int not null default nullif(current_setting('jwt.claims.user_id', true), '')::int
    references app_public.users (id),
  body text not null,
  created_at timestamptz not null default now()
);
create index on app_public.comments (event_id);
create index on app_public.comments (author_id);

-- Row-level security on comments: everyone reads, a signed-in user writes only as themselves.
alter table app_public.comments enable row level security;
create policy comments_read on app_public.comments for select using (true);
create policy comments_write on app_public.comments for insert to bench_user
  with check (author_id = nullif(current_setting('jwt.claims.user_id', true), '')::int);

grant select on app_public.users, app_public.groups, app_public.events, app_public.comments to bench_anonymous, bench_user;
grant insert (event_id, body) on app_public.comments to bench_user;
grant usage on sequence app_public.comments_id_seq to bench_user;

-- 10,000 users, 1,000 groups, 30 events a group (30,000), 10 comments an event (300,000).
insert into app_public.users (username) select 'user' || i from generate_series(1, 10000) i;
insert into app_public.groups (name) select 'Group ' || i from generate_series(1, 1000) i;
insert into app_public.events (group_id, title, starts_at, capacity)
  select g, 'Event ' || g || '.' || e, timestamptz '2025-01-01' + (g * 30 + e) * interval '1 hour', 10 + e
  from generate_series(1, 1000) g, generate_series(1, 30) e;
insert into app_public.comments (event_id, author_id, body)
  select ev, 1 + (ev * 10 + c) % 10000, 'Comment ' || c || ' on event ' || ev
  from generate_series(1, 30000) ev, generate_series(1, 10) c;
analyze;
