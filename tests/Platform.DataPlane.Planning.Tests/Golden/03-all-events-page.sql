-- allEvents
select to_json((
    select json_build_object('totalCount', (
        select count(*)::int
        from "public"."event" as __c_2
        where true and __c_2."status" = $1::event_status), 'edges', coalesce(json_agg(json_build_object('cursor', translate(encode(convert_to(('[' || coalesce(to_json('starts_at_desc'::text)::text, 'null') || ',' || coalesce(to_json(('[' || coalesce(to_json(__p_1."starts_at")::text, 'null') || ',' || coalesce(to_json(__p_1."id")::text, 'null') || ']')::json)::text, 'null') || ']'), 'UTF8'), 'base64'), chr(10), ''), 'node', json_build_object('id', __p_1."id", 'title', __p_1."title", 'startsAt', __p_1."starts_at")) order by __p_1."starts_at" desc, __p_1."id" asc) filter (where __p_1.__n <= $2::integer), '[]'::json), 'pageInfo', json_build_object('hasNextPage', (coalesce(max(__p_1.__n), 0) > $2::integer), 'hasPreviousPage', false, 'startCursor', (array_agg(translate(encode(convert_to(('[' || coalesce(to_json('starts_at_desc'::text)::text, 'null') || ',' || coalesce(to_json(('[' || coalesce(to_json(__p_1."starts_at")::text, 'null') || ',' || coalesce(to_json(__p_1."id")::text, 'null') || ']')::json)::text, 'null') || ']'), 'UTF8'), 'base64'), chr(10), '') order by __p_1."starts_at" desc, __p_1."id" asc) filter (where __p_1.__n <= $2::integer))[1], 'endCursor', (array_agg(translate(encode(convert_to(('[' || coalesce(to_json('starts_at_desc'::text)::text, 'null') || ',' || coalesce(to_json(('[' || coalesce(to_json(__p_1."starts_at")::text, 'null') || ',' || coalesce(to_json(__p_1."id")::text, 'null') || ']')::json)::text, 'null') || ']'), 'UTF8'), 'base64'), chr(10), '') order by __p_1."starts_at" asc, __p_1."id" desc) filter (where __p_1.__n <= $2::integer))[1]))
    from (
      select __t_3."id", __t_3."title", __t_3."starts_at", row_number() over (order by __t_3."starts_at" desc, __t_3."id" asc) as __n
      from "public"."event" as __t_3
      where true and __t_3."status" = $1::event_status
      order by __t_3."starts_at" desc, __t_3."id" asc
      limit $2::integer + 1) as __p_1));
-- $1 = ConstantParameter { Text = published }
-- $2 = ConstantParameter { Text = 3 }

