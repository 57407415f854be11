-- first
select to_json((
    select json_build_object('id', __event_1."id", 'title', __event_1."title", 'kind', 'Event'::text)
    from "public"."event" as __event_1
    where __event_1."id" = $1::integer));
-- $1 = ConstantParameter { Text = 1 }

-- second
select to_json((
    select json_build_object('__typename', 'Event'::text, 'id', __event_1."id", 'title', __event_1."title", 'groupByGroupId', (
        select json_build_object('name', __group_2."name")
        from "public"."group" as __group_2
        where __group_2."id" = __event_1."group_id"))
    from "public"."event" as __event_1
    where __event_1."id" = $1::integer));
-- $1 = ConstantParameter { Text = 2 }

