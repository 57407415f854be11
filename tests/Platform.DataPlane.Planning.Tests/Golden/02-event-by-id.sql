-- eventById
select to_json((
    select json_build_object('nodeId', translate(encode(convert_to(('[' || coalesce(to_json('events'::text)::text, 'null') || ',' || coalesce(to_json(__event_1."id")::text, 'null') || ']'), 'UTF8'), 'base64'), chr(10), ''), 'id', __event_1."id", 'title', __event_1."title", 'status', (case (__event_1."status")::text when 'draft' then 'DRAFT' when 'published' then 'PUBLISHED' when 'cancelled' then 'CANCELLED' end), 'startsAt', __event_1."starts_at", 'duration', (case when (__event_1."duration") is null then null else json_build_object('hours', extract(hour from (__event_1."duration"))::int, 'minutes', extract(minute from (__event_1."duration"))::int) end), 'capacity', __event_1."capacity", 'fullTitle', "public"."event_full_title"(__event_1))
    from "public"."event" as __event_1
    where __event_1."id" = $1::integer));
-- $1 = VariableParameter { Name = id, Format = Scalar, PathKey = , Path = System.String[] }

