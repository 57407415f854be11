-- allPeople
select to_json((
    select json_build_object('nodes', coalesce(json_agg(json_build_object('fullName', __p_1."full_name", 'personByManagerId', (
              select json_build_object('fullName', __person_2."full_name")
              from "public"."person" as __person_2
              where __person_2."id" = __p_1."manager_id"), 'peopleByManagerId', (
              select json_build_object('nodes', coalesce(json_agg(json_build_object('fullName', __p_3."full_name") order by __p_3."id" asc), '[]'::json))
              from (
                select __t_4."id", __t_4."full_name", row_number() over (order by __t_4."id" asc) as __n
                from "public"."person" as __t_4
                where __t_4."manager_id" = __p_1."id"
                order by __t_4."id" asc) as __p_3)) order by __p_1."id" asc), '[]'::json))
    from (
      select __t_5."id", __t_5."full_name", __t_5."manager_id", row_number() over (order by __t_5."id" asc) as __n
      from "public"."person" as __t_5
      where true
      order by __t_5."id" asc) as __p_1));

-- commentById
select to_json((
    select json_build_object('body', __comment_1."body", 'commentByParentId', (
        select json_build_object('body', __comment_2."body")
        from "public"."comment" as __comment_2
        where __comment_2."id" = __comment_1."parent_id"), 'eventByEventId', (
        select json_build_object('title', __event_3."title")
        from "public"."event" as __event_3
        where __event_3."id" = __comment_1."event_id"))
    from "public"."comment" as __comment_1
    where __comment_1."id" = $1::bigint));
-- $1 = ConstantParameter { Text = 25 }

