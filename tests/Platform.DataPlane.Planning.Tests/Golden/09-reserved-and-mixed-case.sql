-- allSelects
select to_json((
    select json_build_object('nodes', coalesce(json_agg(json_build_object('id', __p_1."id", 'from', __p_1."from", 'where', __p_1."where") order by __p_1."where" desc, __p_1."id" asc), '[]'::json))
    from (
      select __t_2."id", __t_2."from", __t_2."where", row_number() over (order by __t_2."where" desc, __t_2."id" asc) as __n
      from "public"."select" as __t_2
      where true
      order by __t_2."where" desc, __t_2."id" asc) as __p_1));

-- allVenues
select to_json((
    select json_build_object('nodes', coalesce(json_agg(json_build_object('id', __p_1."Id", 'venueName', __p_1."VenueName", 'capacity', __p_1."Capacity", 'eventVenuesByVenueId', json_build_object('totalCount', (
                select count(*)::int
                from "public"."event_venue" as __c_2
                where __c_2."venue_id" = __p_1."Id"))) order by __p_1."Capacity" desc, __p_1."Id" asc), '[]'::json))
    from (
      select __t_3."Id", __t_3."VenueName", __t_3."Capacity", row_number() over (order by __t_3."Capacity" desc, __t_3."Id" asc) as __n
      from "public"."Venue" as __t_3
      where true
      order by __t_3."Capacity" desc, __t_3."Id" asc) as __p_1));

-- allOrders
select to_json((
    select json_build_object('nodes', coalesce(json_agg(json_build_object('total', (__p_1."total")::text, 'orderItemsByOrderId', (
              select json_build_object('nodes', coalesce(json_agg(json_build_object('lineNo', __p_2."line_no", 'product', __p_2."product", 'qty', __p_2."qty") order by __p_2."order_id" asc, __p_2."line_no" asc), '[]'::json))
              from (
                select __t_3."order_id", __t_3."line_no", __t_3."product", __t_3."qty", row_number() over (order by __t_3."order_id" asc, __t_3."line_no" asc) as __n
                from "public"."order_item" as __t_3
                where __t_3."order_id" = __p_1."id"
                order by __t_3."order_id" asc, __t_3."line_no" asc) as __p_2)) order by __p_1."id" asc) filter (where __p_1.__n <= $1::integer), '[]'::json))
    from (
      select __t_4."id", __t_4."total", row_number() over (order by __t_4."id" asc) as __n
      from "public"."order" as __t_4
      where true
      order by __t_4."id" asc
      limit $1::integer + 1) as __p_1));
-- $1 = ConstantParameter { Text = 1 }

