-- searchEvents
select to_json((select json_build_object('totalCount', (select count(*)::int from "public"."search_events"($1::text) as __c_2 where true), 'nodes', coalesce(json_agg(json_build_object('id', (__p_1.r)."id", 'fullTitle', "public"."event_full_title"((__p_1.r))) order by __p_1.i asc) filter (where __p_1.n <= $2::integer), '[]'::json), 'pageInfo', json_build_object('hasNextPage', (coalesce(max(__p_1.n), 0) > $2::integer), 'endCursor', (array_agg(translate(encode(convert_to(json_build_array('natural'::text, json_build_array(__p_1.i))::text, 'UTF8'), 'base64'), chr(10), '') order by __p_1.i desc) filter (where __p_1.n <= $2::integer))[1])) from (select __w_4.r, __w_4.n as i, row_number() over (order by __w_4.n) as n from (select __t_3::"public"."event" as r, row_number() over () as n from "public"."search_events"($1::text) as __t_3 where true) as __w_4 where true order by __w_4.n limit $2::integer + 1) as __p_1));
-- $1 = ConstantParameter { Text = walk }
-- $2 = ConstantParameter { Text = 2 }

-- addNumbers
select to_json("public"."add_numbers"($1::integer));
-- $1 = ConstantParameter { Text = 2 }

-- eventOfTheDay
select to_json((select json_build_object('title', __f_1."title") from "public"."event_of_the_day"() as __f_1 where not (__f_1 is null)));

-- groupById
select to_json((select json_build_object('tagNames', (select coalesce(json_agg(__s_2.v order by __s_2.o), '[]'::json) from (select * from "public"."group_tag_names"(__group_1) with ordinality as x(v, o) order by o) as __s_2)) from "public"."group" as __group_1 where __group_1."id" = $1::integer));
-- $1 = ConstantParameter { Text = 1 }

