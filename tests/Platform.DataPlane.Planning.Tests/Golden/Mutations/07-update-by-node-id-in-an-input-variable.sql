-- updateSelect
with __m as (
  update "public"."select" as __select_1
  set "from" = $1::text
  where __select_1."id" = $2::integer
  returning __select_1.*)
select array_agg(__m)::text
from __m;
-- $1 = VariableParameter { Name = input, Format = Scalar, PathKey = selectPatch.from, Path = System.String[] }
-- $2 = NodeIdKeyParameter { NodeId = VariableParameter { Name = input, Format = Scalar, PathKey = nodeId, Path = System.String[] }, Index = 0 }

-- payload, after the change:
with __m as (
  select *
  from unnest($1::"public"."select"[]))
select json_build_object('select', json_build_object('nodeId', translate(encode(convert_to(('[' || coalesce(to_json('selects'::text)::text, 'null') || ',' || coalesce(to_json(__select_1."id")::text, 'null') || ']'), 'UTF8'), 'base64'), chr(10), ''), 'id', __select_1."id", 'from', __select_1."from", 'where', __select_1."where"))
from __m as __select_1;
-- $1 = ChangedRowsParameter { }

