-- first
with __m as (
  select __v.*
  from "public"."touch_event"($1::integer) as __v)
select array_agg(__m)::text
from __m;
-- $1 = VariableParameter { Name = id, Format = Scalar, PathKey = , Path = System.String[] }

-- payload, after the change:
with __m as (
  select *
  from unnest($1::"public"."event"[]))
select json_build_object('clientMutationId', $2::text, 'event', (
    select json_build_object('title', __r_1."title", 'status', (case (__r_1."status")::text when 'draft' then 'DRAFT' when 'published' then 'PUBLISHED' when 'cancelled' then 'CANCELLED' end), 'groupByGroupId', (
        select json_build_object('name', __group_2."name")
        from "public"."group" as __group_2
        where __group_2."id" = __r_1."group_id"))
    from __m as __r_1
    where not (__r_1 is null)))
from (
  select count(*)
  from __m) as __run;
-- $1 = ChangedRowsParameter { }
-- $2 = ConstantParameter { Text = t }

-- second
with __m as (
  update "public"."event" as __event_1
  set "title" = $1::text
  where __event_1."id" = $2::integer
  returning __event_1.*)
select array_agg(__m)::text
from __m;
-- $1 = ConstantParameter { Text = Renamed by golden }
-- $2 = VariableParameter { Name = id, Format = Scalar, PathKey = , Path = System.String[] }

-- payload, after the change:
with __m as (
  select *
  from unnest($1::"public"."event"[]))
select json_build_object('event', json_build_object('title', __event_1."title", 'fullTitle', "public"."event_full_title"(__event_1)))
from __m as __event_1;
-- $1 = ChangedRowsParameter { }

