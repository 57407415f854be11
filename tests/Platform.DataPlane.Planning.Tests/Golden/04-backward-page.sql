-- allEvents
select to_json((
    select json_build_object('nodes', coalesce(json_agg(json_build_object('id', __p_1."id", 'capacity', __p_1."capacity") order by __p_1."capacity" asc, __p_1."id" asc) filter (where __p_1.__n <= $1::integer), '[]'::json), 'pageInfo', json_build_object('hasNextPage', exists(
          select 1
          from "public"."event" as __x_2
          where true and not coalesce((((__x_2."capacity" < $2::integer or ($2::integer is null and __x_2."capacity" is not null))) or (__x_2."capacity" is not distinct from $2::integer and (__x_2."id" < $3::integer or ($3::integer is null and __x_2."id" is not null)))), false)), 'hasPreviousPage', (coalesce(max(__p_1.__n), 0) > $1::integer)))
    from (
      select __t_3."id", __t_3."capacity", row_number() over (order by __t_3."capacity" desc, __t_3."id" desc) as __n
      from "public"."event" as __t_3
      where true and coalesce((((__t_3."capacity" < $2::integer or ($2::integer is null and __t_3."capacity" is not null))) or (__t_3."capacity" is not distinct from $2::integer and (__t_3."id" < $3::integer or ($3::integer is null and __t_3."id" is not null)))), false)
      order by __t_3."capacity" desc, __t_3."id" desc
      limit $1::integer + 1) as __p_1));
-- $1 = ConstantParameter { Text = 2 }
-- $2 = CursorParameter { Cursor = ConstantParameter { Text = WyJjYXBhY2l0eV9hc2MiLFtudWxsLDNdXQ== }, OrderKey = capacity_asc, Index = 0 }
-- $3 = CursorParameter { Cursor = ConstantParameter { Text = WyJjYXBhY2l0eV9hc2MiLFtudWxsLDNdXQ== }, OrderKey = capacity_asc, Index = 1 }

