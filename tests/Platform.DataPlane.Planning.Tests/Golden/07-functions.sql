-- searchEvents
select to_json((select json_build_object('totalCount', (select count(*)::int from "public"."search_events"($1::text) as __c_2 where true), 'nodes', coalesce(json_agg(json_build_object('id', __p_1."id", 'fullTitle', "public"."event_full_title"((__p_1.__r))) order by __p_1.__i asc) filter (where __p_1.__n <= $2::integer), '[]'::json), 'pageInfo', json_build_object('hasNextPage', (coalesce(max(__p_1.__n), 0) > $2::integer), 'endCursor', (array_agg(translate(encode(convert_to(('[' || coalesce(to_json('natural'::text)::text, 'null') || ',' || coalesce(to_json(__p_1.__i)::text, 'null') || ']'), 'UTF8'), 'base64'), chr(10), '') order by __p_1.__i desc) filter (where __p_1.__n <= $2::integer))[1])) from (select __w_4."id", __w_4.__r, __w_4.__n as __i, row_number() over (order by __w_4.__n) as __n from (select __t_3."id", __t_3::"public"."event" as __r, row_number() over () as __n from "public"."search_events"($1::text) as __t_3 where true) as __w_4 where true order by __w_4.__n limit $2::integer + 1) as __p_1));
-- $1 = ConstantParameter { Text = walk }
-- $2 = ConstantParameter { Text = 2 }

-- addNumbers
select to_json("public"."add_numbers"($1::integer));
-- $1 = ConstantParameter { Text = 2 }

-- eventOfTheDay
select to_json((select json_build_object('title', __f_1."title") from "public"."event_of_the_day"() as __f_1 where not (__f_1 is null)));

-- groupById
select to_json((select json_build_object('tagNames', (select json_build_object('totalCount', (select count(*)::int from "public"."group_tag_names"(__group_1) as __c_3), 'nodes', coalesce(json_agg(__p_2.v order by __p_2.__i asc), '[]'::json), 'edges', coalesce(json_agg(json_build_object('cursor', translate(encode(convert_to(('[' || coalesce(to_json('natural'::text)::text, 'null') || ',' || coalesce(to_json(__p_2.__i)::text, 'null') || ']'), 'UTF8'), 'base64'), chr(10), ''), 'node', __p_2.v) order by __p_2.__i asc), '[]'::json), 'pageInfo', json_build_object('hasNextPage', false, 'endCursor', (array_agg(translate(encode(convert_to(('[' || coalesce(to_json('natural'::text)::text, 'null') || ',' || coalesce(to_json(__p_2.__i)::text, 'null') || ']'), 'UTF8'), 'base64'), chr(10), '') order by __p_2.__i desc))[1])) from (select x.v, x.o as __i, row_number() over (order by x.o) as __n from "public"."group_tag_names"(__group_1) with ordinality as x(v, o) where true order by x.o) as __p_2), 'tail', (select json_build_object('nodes', coalesce(json_agg(__p_4.v order by __p_4.__i asc) filter (where __p_4.__n <= $1::integer), '[]'::json), 'pageInfo', json_build_object('hasPreviousPage', (coalesce(max(__p_4.__n), 0) > $1::integer))) from (select x.v, x.o as __i, row_number() over (order by x.o desc) as __n from "public"."group_tag_names"(__group_1) with ordinality as x(v, o) where true order by x.o desc limit $1::integer + 1) as __p_4)) from "public"."group" as __group_1 where __group_1."id" = $2::integer));
-- $1 = ConstantParameter { Text = 2 }
-- $2 = ConstantParameter { Text = 1 }

