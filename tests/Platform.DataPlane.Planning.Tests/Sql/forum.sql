-- A realistic schema for the planner tests: community groups, members, events, comments and orders.
-- It exercises composite keys and foreign keys, self-references, enums, a domain, views, a materialized view,
-- computed columns, setof functions, comments and smart comments, reserved words and mixed-case names.

create type mood as enum ('happy', 'sad', 'in between');
create type event_status as enum ('draft', 'published', 'cancelled');
create domain email as text check (value like '%@%');

create table country (
  code char(2) primary key,
  name text not null
);
comment on table country is 'A country users live in.';

create table "group" (
  id serial primary key,
  name text not null unique,
  parent_id int references "group"(id),
  created_at timestamptz not null default '2024-01-01T00:00:00Z'
);
comment on table "group" is 'A community group; groups nest through parent_id.';

create table "user" (
  id uuid primary key,
  email email not null unique,
  display_name text not null,
  mood mood,
  bio text,
  settings jsonb,
  score bigint not null default 0,
  balance numeric(12, 2),
  birthday date,
  wake_up time,
  tags text[],
  country_code char(2) references country(code),
  created_at timestamptz not null default '2024-01-01T00:00:00Z'
);
comment on column "user".bio is E'@name biography\nWhat the user says about themselves.';
comment on column "user".score is E'@deprecated Use the leaderboard instead.\nReputation points.';
comment on column "user".settings is E'@omit filter,order\nFree-form preferences.';

create table profile (
  user_id uuid primary key references "user"(id),
  website text
);

create table membership (
  group_id int not null references "group"(id),
  user_id uuid not null references "user"(id),
  role text not null default 'member',
  joined_at timestamptz not null,
  primary key (group_id, user_id)
);

create table "Venue" (
  "Id" serial primary key,
  "VenueName" text not null,
  "Capacity" int
);

create table event (
  id serial primary key,
  group_id int not null references "group"(id),
  organizer_id uuid references "user"(id),
  title text not null,
  status event_status not null default 'draft',
  starts_at timestamptz not null,
  duration interval,
  capacity int
);
comment on table event is 'Something that happens at a time.';
comment on column event.capacity is E'@deprecated Use the venue capacity.\nHow many people fit.';

create table event_venue (
  event_id int primary key references event(id),
  venue_id int not null references "Venue"("Id")
);

create table event_tag (
  event_id int not null references event(id),
  tag text not null,
  primary key (event_id, tag)
);

create table attendance (
  event_id int not null references event(id),
  group_id int not null,
  user_id uuid not null,
  rsvp boolean not null default true,
  primary key (event_id, user_id),
  foreign key (group_id, user_id) references membership(group_id, user_id)
);

create table comment (
  id bigserial primary key,
  event_id int not null references event(id),
  author_id uuid not null references "user"(id),
  parent_id bigint references comment(id),
  body text not null,
  created_at timestamptz not null
);

create table "order" (
  id serial primary key,
  user_id uuid not null references "user"(id),
  total numeric(12, 2) not null,
  placed_at timestamptz not null
);

create table order_item (
  order_id int not null references "order"(id),
  line_no int not null,
  product text not null,
  qty int not null,
  primary key (order_id, line_no)
);

create table "select" (
  id serial primary key,
  "from" text,
  "where" int
);

create table secret_note (
  id serial primary key,
  body text
);
comment on table secret_note is E'@omit\nNot for the API.';

create table audit_log (
  at timestamptz not null,
  actor text,
  action text not null
);

create table person (
  id serial primary key,
  full_name text not null,
  manager_id int references person(id)
);

create view event_summary as
  select e.id, e.title, g.name as group_name, (select count(*) from attendance a where a.event_id = e.id) as attendee_count
  from event e join "group" g on g.id = e.group_id;
comment on view event_summary is 'Events with their group and attendance.';

create materialized view group_stats as
  select g.id as group_id, count(m.user_id) as member_count
  from "group" g left join membership m on m.group_id = g.id
  group by g.id;

create function event_full_title(e event) returns text stable language sql as $$
  select e.title || ' (' || (select name from "group" where id = e.group_id) || ')'
$$;
comment on function event_full_title(event) is 'The title with the group name.';

create function user_event_count(u "user") returns bigint stable language sql as $$
  select count(*) from attendance where user_id = u.id
$$;

create function search_events(term text) returns setof event stable language sql as $$
  select * from event where title ilike '%' || term || '%' order by id
$$;

create function event_of_the_day() returns event stable language sql as $$
  select * from event order by id limit 1
$$;

create function add_numbers(a int, b int default 10) returns int immutable strict language sql as $$
  select a + b
$$;

create function group_tag_names(g "group") returns setof text stable language sql as $$
  select distinct t.tag from event_tag t join event e on e.id = t.event_id where e.group_id = g.id order by 1
$$;

-- Results typed by OUT and TABLE arguments: v4's <Function>Record types, a connection of them for a set.
create function group_event_counts(g "group", out events bigint, out published bigint) stable language sql as $$
  select count(*), count(*) filter (where e.status = 'published') from event e where e.group_id = g.id
$$;
create function busiest_groups(top int default 3) returns table (group_name text, event_count bigint) stable language sql as $$
  select g.name, count(e.id) from "group" g left join event e on e.group_id = g.id group by g.id order by count(e.id) desc, g.id limit top
$$;
create function grow_event(event_id int, extra int, out new_capacity int, out title text) volatile language sql as $$
  update event e set capacity = coalesce(e.capacity, 0) + extra where e.id = event_id returning e.capacity, e.title
$$;

create function touch_event(id int) returns event volatile language sql as $$
  update event set title = title where event.id = touch_event.id returning *
$$;

-- Composite types: PostGraphile exposes them as object types (Address, GeoPoint) and input types (AddressInput).
create type address_kind as enum ('home', 'work', 'post box');
create type geo_point as (lat double precision, lng double precision);
comment on type geo_point is 'A point on the globe.';
create type address as (street text, city text, kind address_kind, location geo_point, lines text[], post_code int);
comment on column address.post_code is 'Four digits in New Zealand.';
create table contact (
  id serial primary key,
  name text not null,
  address address,
  ranks int[],
  previous_addresses address[]
);

create function contact_home_city(c contact) returns text stable language sql as $$ select (c.address).city $$;
create function contact_first_previous(c contact) returns address stable language sql as $$ select c.previous_addresses[1] $$;
create function all_addresses() returns setof address stable language sql as $$
  select address from contact where address is not null and id <= 4 order by id
$$;
create function address_in(city text) returns address stable language sql as $$
  select address from contact where (address).city = address_in.city order by id limit 1
$$;
create function same_city(a address, b address) returns boolean immutable language sql as $$ select (a).city is not distinct from (b).city $$;
create function move_contact(contact_id int, new_address address) returns address volatile language sql as $$
  update contact set previous_addresses = array_prepend(address, coalesce(previous_addresses, '{}')), address = new_address
  where id = contact_id returning address
$$;

-- Data: deterministic so golden files are stable.
insert into country values ('NZ', 'New Zealand'), ('FR', 'France'), ('JP', 'Japan');

insert into "group" (name, parent_id) values ('Hikers', null), ('Climbers', 1), ('Boulderers', 2), ('Readers', null), ('Cooks', null);

insert into "user" (id, email, display_name, mood, bio, settings, score, balance, birthday, wake_up, tags, country_code, created_at)
select ('00000000-0000-0000-0000-0000000000' || lpad(i::text, 2, '0'))::uuid,
       'user' || i || '@example.com',
       'User ' || i,
       (array['happy', 'sad', 'in between', null])[1 + i % 4]::mood,
       case when i % 3 = 0 then null else 'Bio of user ' || i end,
       jsonb_build_object('theme', case when i % 2 = 0 then 'dark' else 'light' end, 'n', i),
       (i * 1000000000000)::bigint,
       (i * 12.5)::numeric(12, 2),
       date '1990-01-01' + i * 30,
       time '06:00' + i * interval '5 minutes',
       array['t' || (i % 3), 't' || (i % 5)],
       (array['NZ', 'FR', 'JP', null])[1 + i % 4],
       timestamptz '2024-01-01T00:00:00Z' + i * interval '1 day'
from generate_series(1, 12) i;

insert into profile select id, 'https://example.com/' || display_name from "user" where score % 2000000000000 = 0;

insert into membership (group_id, user_id, role, joined_at)
select 1 + (i % 5), ('00000000-0000-0000-0000-0000000000' || lpad(i::text, 2, '0'))::uuid, case when i < 3 then 'admin' else 'member' end,
       timestamptz '2024-02-01T00:00:00Z' + i * interval '1 hour'
from generate_series(1, 12) i;
insert into membership (group_id, user_id, role, joined_at)
select 1 + ((i + 1) % 5), ('00000000-0000-0000-0000-0000000000' || lpad(i::text, 2, '0'))::uuid, 'member', timestamptz '2024-03-01T00:00:00Z'
from generate_series(1, 12) i;

insert into "Venue" ("VenueName", "Capacity") values ('Town Hall', 200), ('Library', 40), ('Park', null);

insert into event (group_id, organizer_id, title, status, starts_at, duration, capacity)
select 1 + (i % 5),
       case when i % 7 = 0 then null else ('00000000-0000-0000-0000-0000000000' || lpad((1 + i % 12)::text, 2, '0'))::uuid end,
       'Event ' || i || case when i % 4 = 0 then ' walk' else ' talk' end,
       (array['draft', 'published', 'cancelled'])[1 + i % 3]::event_status,
       timestamptz '2024-06-01T10:00:00Z' + (i % 13) * interval '1 day',
       case when i % 2 = 0 then interval '1 hour 30 minutes' else null end,
       case when i % 3 = 0 then null else 10 * i end
from generate_series(1, 40) i;

insert into event_venue select id, 1 + id % 3 from event where id % 2 = 0;
insert into event_tag select id, 'tag' || (id % 4) from event;
insert into event_tag select id, 'extra' from event where id % 5 = 0;

insert into attendance (event_id, group_id, user_id, rsvp)
select e.id, m.group_id, m.user_id, (e.id + m.group_id) % 3 <> 0
from event e join membership m on m.group_id = e.group_id
where e.id <= 20;

insert into comment (event_id, author_id, parent_id, body, created_at)
select 1 + (i % 10), ('00000000-0000-0000-0000-0000000000' || lpad((1 + i % 12)::text, 2, '0'))::uuid, null,
       'Comment ' || i, timestamptz '2024-06-01T00:00:00Z' + i * interval '1 minute'
from generate_series(1, 30) i;
update comment set parent_id = id - 10 where id > 20;

insert into "order" (user_id, total, placed_at)
select ('00000000-0000-0000-0000-0000000000' || lpad((1 + i % 12)::text, 2, '0'))::uuid, (i * 9.99)::numeric(12, 2), timestamptz '2024-05-01T00:00:00Z' + i * interval '2 hours'
from generate_series(1, 15) i;
insert into order_item select o.id, l, 'Product ' || l, l * 2 from "order" o, generate_series(1, 3) l;

insert into "select" ("from", "where") values ('here', 1), ('there', 2), (null, null), ('it''s "quoted"', 4);
insert into secret_note (body) values ('hidden');
insert into audit_log values ('2024-01-01T00:00:00Z', 'alice', 'login'), ('2024-01-02T00:00:00Z', null, 'logout'), ('2024-01-03T00:00:00Z', 'bob', 'login');
insert into person (full_name, manager_id) values ('Ada', null), ('Grace', 1), ('Linus', 2), ('Ken', 2);

insert into contact (name, address, ranks, previous_addresses) values
  ('Home', row('1 Main St', 'Wellington', 'home', row(-41.2865, 174.7762), '{"Flat 2","1 Main St"}', 6011), '{3,1,2}',
   array[row('PO Box 5', 'Auckland', 'post box', null, null, 1010)::address, null]),
  ('Nowhere', null, null, null),
  ('Blank', row(null, null, null, null, null, null), null, '{}'),
  ('Work', row('9 Quay', 'Wellington', 'work', row(-41.28, 174.78), '{}', 6011), null, null),
  -- Changed only by the mutation golden file; the query golden file reads the first four (the order of golden cases is not fixed).
  ('Mover', row('7 Shore Rd', 'Napier', 'home', null, null, 4110), null, null),
  ('Patchable', null, null, null);

refresh materialized view group_stats;
