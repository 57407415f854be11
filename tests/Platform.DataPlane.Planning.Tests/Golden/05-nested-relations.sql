-- groupById
select to_json((
    select json_build_object('name', __group_1."name", 'groupByParentId', (
        select json_build_object('name', __group_2."name")
        from "public"."group" as __group_2
        where __group_2."id" = __group_1."parent_id"), 'eventsByGroupId', (
        select json_build_object('nodes', coalesce(json_agg(json_build_object('title', __p_3."title", 'userByOrganizerId', (
                  select json_build_object('displayName', __user_4."display_name", 'mood', (case (__user_4."mood")::text when 'happy' then 'HAPPY' when 'sad' then 'SAD' when 'in between' then 'IN_BETWEEN' end))
                  from "public"."user" as __user_4
                  where __user_4."id" = __p_3."organizer_id"), 'attendancesByEventId', (
                  select json_build_object('totalCount', (
                      select count(*)::int
                      from "public"."attendance" as __c_6
                      where __c_6."event_id" = __p_3."id"), 'nodes', coalesce(json_agg(json_build_object('rsvp', __p_5."rsvp", 'membershipByGroupIdAndUserId', (
                            select json_build_object('role', __membership_7."role")
                            from "public"."membership" as __membership_7
                            where __membership_7."group_id" = __p_5."group_id" and __membership_7."user_id" = __p_5."user_id")) order by __p_5."event_id" asc, __p_5."user_id" asc), '[]'::json))
                  from (
                    select __t_8."event_id", __t_8."group_id", __t_8."user_id", __t_8."rsvp", row_number() over (order by __t_8."event_id" asc, __t_8."user_id" asc) as __n
                    from "public"."attendance" as __t_8
                    where __t_8."event_id" = __p_3."id"
                    order by __t_8."event_id" asc, __t_8."user_id" asc) as __p_5)) order by __p_3."id" asc) filter (where __p_3.__n <= $1::integer), '[]'::json))
        from (
          select __t_9."id", __t_9."organizer_id", __t_9."title", row_number() over (order by __t_9."id" asc) as __n
          from "public"."event" as __t_9
          where __t_9."group_id" = __group_1."id"
          order by __t_9."id" asc
          limit $1::integer + 1) as __p_3))
    from "public"."group" as __group_1
    where __group_1."id" = $1::integer));
-- $1 = ConstantParameter { Text = 2 }

