-- createGroup
with __m as (
  insert into "public"."group" ("name", "parent_id")
  values ($1::text, $2::integer)
  returning *)
select array_agg(__m)::text
from __m;
-- $1 = ConstantParameter { Text = Golden walkers }
-- $2 = ConstantParameter { Text = 1 }

-- payload, after the change:
with __m as (
  select *
  from unnest($1::"public"."group"[]))
select json_build_object('clientMutationId', $2::text, 'group', json_build_object('name', __group_1."name", 'parentId', __group_1."parent_id", 'createdAt', __group_1."created_at", 'groupByParentId', (
      select json_build_object('name', __group_2."name")
      from "public"."group" as __group_2
      where __group_2."id" = __group_1."parent_id")), 'groupByParentId', (
    select json_build_object('name', __group_3."name")
    from "public"."group" as __group_3
    where __group_3."id" = __group_1."parent_id"), 'groupEdge', json_build_object('node', json_build_object('name', __group_1."name")), 'query', json_build_object('groupByName', (
      select json_build_object('name', __group_4."name")
      from "public"."group" as __group_4
      where __group_4."name" = $3::text)))
from __m as __group_1;
-- $1 = ChangedRowsParameter { }
-- $2 = ConstantParameter { Text = golden-1 }
-- $3 = ConstantParameter { Text = Golden walkers }

