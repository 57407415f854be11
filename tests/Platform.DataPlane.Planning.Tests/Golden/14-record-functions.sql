-- busiestGroups
select to_json((
    select json_build_object('totalCount', (
        select count(*)::int
        from "public"."busiest_groups"() as __c_2), 'nodes', coalesce(json_agg((
            select case when __c_3.v is not distinct
            from null then null else json_build_object('groupName', (__c_3.v)."group_name", 'eventCount', ((__c_3.v)."event_count")::text) end
            from (
              select __p_1.v) as __c_3(v)) order by __p_1.__i asc) filter (where __p_1.__n <= $1::integer), '[]'::json), 'edges', coalesce(json_agg(json_build_object('cursor', translate(encode(convert_to(('[' || coalesce(to_json('natural'::text)::text, 'null') || ',' || coalesce(to_json(__p_1.__i)::text, 'null') || ']'), 'UTF8'), 'base64'), chr(10), ''), 'node', (
              select case when __c_4.v is not distinct
              from null then null else json_build_object('groupName', (__c_4.v)."group_name") end
              from (
                select __p_1.v) as __c_4(v))) order by __p_1.__i asc) filter (where __p_1.__n <= $1::integer), '[]'::json))
    from (
      select x.v, x.o as __i, row_number() over (order by x.o) as __n
      from (
        select __f_5 as v, row_number() over () as o
        from "public"."busiest_groups"() as __f_5) as x
      where true
      order by x.o
      limit $1::integer + 1) as __p_1));
-- $1 = ConstantParameter { Text = 2 }

-- more
select to_json((
    select json_build_object('nodes', coalesce(json_agg((
            select case when __c_2.v is not distinct
            from null then null else json_build_object('groupName', (__c_2.v)."group_name") end
            from (
              select __p_1.v) as __c_2(v)) order by __p_1.__i asc), '[]'::json))
    from (
      select x.v, x.o as __i, row_number() over (order by x.o) as __n
      from (
        select __f_3 as v, row_number() over () as o
        from "public"."busiest_groups"($1::integer) as __f_3) as x
      where true and x.o > $2::bigint
      order by x.o) as __p_1));
-- $1 = ConstantParameter { Text = 5 }
-- $2 = CursorParameter { Cursor = ConstantParameter { Text = WyJuYXR1cmFsIiwyXQ== }, OrderKey = natural, Index = 0 }

-- groupById
select to_json((
    select json_build_object('name', __group_1."name", 'eventCounts', (
        select json_build_object('__typename', 'GroupEventCountsRecord'::text, 'events', ((__f_2)."events")::text, 'published', ((__f_2)."published")::text)
        from "public"."group_event_counts"(__group_1) as __f_2
        where not (__f_2 is null)))
    from "public"."group" as __group_1
    where __group_1."id" = $1::integer));
-- $1 = ConstantParameter { Text = 1 }

