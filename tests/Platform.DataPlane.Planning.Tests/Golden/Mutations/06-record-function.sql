-- growEvent
with __m as (
  select __v.*
  from "public"."grow_event"($1::integer, $2::integer) as __v)
select array_agg(json_build_array(__m."new_capacity"::text, __m."title"::text)::text)::text
from __m;
-- $1 = ConstantParameter { Text = 4 }
-- $2 = ConstantParameter { Text = 5 }

-- payload, after the change:
with __m as (
  select __r as __v
  from (
    select (__x::json ->> 0)::integer as "new_capacity", (__x::json ->> 1)::text as "title"
    from unnest($1::text[]) as __x) as __r)
select json_build_object('clientMutationId', $2::text, 'result', (
    select json_build_object('__typename', 'GrowEventRecord'::text, 'newCapacity', (__r_1.__v)."new_capacity", 'title', (__r_1.__v)."title")
    from __m as __r_1
    where not (__r_1.__v is null)), 'query', json_build_object('eventById', (
      select json_build_object('capacity', __event_2."capacity")
      from "public"."event" as __event_2
      where __event_2."id" = $3::integer)))
from (
  select count(*)
  from __m) as __run;
-- $1 = ChangedRowsParameter { }
-- $2 = ConstantParameter { Text = g }
-- $3 = ConstantParameter { Text = 4 }

