-- allEventSummaries
select to_json((select json_build_object('nodes', coalesce(json_agg(json_build_object('id', (__p_1.r)."id", 'title', (__p_1.r)."title", 'groupName', (__p_1.r)."group_name", 'attendeeCount', ((__p_1.r)."attendee_count")::text) order by __p_1.i asc) filter (where __p_1.n <= $1::integer), '[]'::json)) from (select __w_3.r, __w_3.n as i, row_number() over (order by __w_3.n) as n from (select row(__t_2."id", __t_2."title", __t_2."group_name", __t_2."attendee_count")::"public"."event_summary" as r, row_number() over (order by __t_2."attendee_count" desc, __t_2."id" asc) as n from "public"."event_summary" as __t_2 where true) as __w_3 where true order by __w_3.n limit $1::integer + 1) as __p_1));
-- $1 = ConstantParameter { Text = 2 }

-- allGroupStats
select to_json((select json_build_object('nodes', coalesce(json_agg(json_build_object('groupId', (__p_1.r)."group_id", 'memberCount', ((__p_1.r)."member_count")::text) order by __p_1.i asc), '[]'::json)) from (select __w_3.r, __w_3.n as i, row_number() over (order by __w_3.n) as n from (select row(__t_2."group_id", __t_2."member_count")::"public"."group_stats" as r, row_number() over (order by __t_2."member_count" desc, __t_2."group_id" asc) as n from "public"."group_stats" as __t_2 where true) as __w_3 where true order by __w_3.n) as __p_1));

-- allAuditLogs
select to_json((select json_build_object('nodes', coalesce(json_agg(json_build_object('action', (__p_1.r)."action", 'at', (__p_1.r)."at") order by __p_1.i asc), '[]'::json)) from (select __w_3.r, __w_3.n as i, row_number() over (order by __w_3.n) as n from (select row(__t_2."at", null, __t_2."action")::"public"."audit_log" as r, row_number() over () as n from "public"."audit_log" as __t_2 where true and __t_2."actor" is null) as __w_3 where true order by __w_3.n) as __p_1));

