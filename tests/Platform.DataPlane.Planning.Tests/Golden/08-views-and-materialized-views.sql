-- allEventSummaries
select to_json((
    select json_build_object('nodes', coalesce(json_agg(json_build_object('id', __p_1."id", 'title', __p_1."title", 'groupName', __p_1."group_name", 'attendeeCount', (__p_1."attendee_count")::text) order by __p_1.__i asc) filter (where __p_1.__n <= $1::integer), '[]'::json))
    from (
      select __w_3."id", __w_3."title", __w_3."group_name", __w_3."attendee_count", __w_3.__n as __i, row_number() over (order by __w_3.__n) as __n
      from (
        select __t_2."id", __t_2."title", __t_2."group_name", __t_2."attendee_count", row_number() over (order by __t_2."attendee_count" desc, __t_2."id" asc) as __n
        from "public"."event_summary" as __t_2
        where true) as __w_3
      where true
      order by __w_3.__n
      limit $1::integer + 1) as __p_1));
-- $1 = ConstantParameter { Text = 2 }

-- allGroupStats
select to_json((
    select json_build_object('nodes', coalesce(json_agg(json_build_object('groupId', __p_1."group_id", 'memberCount', (__p_1."member_count")::text) order by __p_1.__i asc), '[]'::json))
    from (
      select __w_3."group_id", __w_3."member_count", __w_3.__n as __i, row_number() over (order by __w_3.__n) as __n
      from (
        select __t_2."group_id", __t_2."member_count", row_number() over (order by __t_2."member_count" desc, __t_2."group_id" asc) as __n
        from "public"."group_stats" as __t_2
        where true) as __w_3
      where true
      order by __w_3.__n) as __p_1));

-- allAuditLogs
select to_json((
    select json_build_object('nodes', coalesce(json_agg(json_build_object('action', __p_1."action", 'at', __p_1."at") order by __p_1.__i asc), '[]'::json))
    from (
      select __w_3."at", __w_3."action", __w_3.__n as __i, row_number() over (order by __w_3.__n) as __n
      from (
        select __t_2."at", __t_2."action", row_number() over () as __n
        from "public"."audit_log" as __t_2
        where true and __t_2."actor" is null) as __w_3
      where true
      order by __w_3.__n) as __p_1));

