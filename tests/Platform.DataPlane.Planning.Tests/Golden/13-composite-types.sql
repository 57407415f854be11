-- allContacts
select to_json((
    select json_build_object('nodes', coalesce(json_agg(json_build_object('name', __p_1."name", 'address', (
              select case when __c_2.v is not distinct
              from null then null else json_build_object('__typename', 'Address'::text, 'street', (__c_2.v)."street", 'town', (__c_2.v)."city", 'kind', (case ((__c_2.v)."kind")::text when 'home' then 'HOME' when 'work' then 'WORK' when 'post box' then 'POST_BOX' end), 'location', (
                  select case when __c_3.v is not distinct
                  from null then null else json_build_object('lat', (__c_3.v)."lat", 'lng', (__c_3.v)."lng") end
                  from (
                    select (__c_2.v)."location") as __c_3(v)), 'lines', (__c_2.v)."lines") end
              from (
                select __p_1."address") as __c_2(v)), 'previousAddresses', (
              select case when __a_4.v is null then null else coalesce((
                  select json_agg((
                      select case when __c_6.v is not distinct
                      from null then null else json_build_object('city', (__c_6.v)."city", 'kind', (case ((__c_6.v)."kind")::text when 'home' then 'HOME' when 'work' then 'WORK' when 'post box' then 'POST_BOX' end), 'postCode', (__c_6.v)."post_code") end
                      from (
                        select (__a_4.v)[__i_5.o]) as __c_6(v)) order by __i_5.o)
                  from generate_subscripts(__a_4.v, 1) as __i_5(o)), '[]'::json) end
              from (
                select __p_1."previous_addresses") as __a_4(v)), 'firstPrevious', (
              select json_build_object('street', (__f_7)."street")
              from "public"."contact_first_previous"((__p_1.__r)) as __f_7
              where not (__f_7 is null)), 'homeCity', "public"."contact_home_city"((__p_1.__r))) order by __p_1."id" asc) filter (where __p_1.__n <= $1::integer), '[]'::json))
    from (
      select __t_8."id", __t_8."name", __t_8."address", __t_8."previous_addresses", __t_8::"public"."contact" as __r, row_number() over (order by __t_8."id" asc) as __n
      from "public"."contact" as __t_8
      where true
      order by __t_8."id" asc
      limit $1::integer + 1) as __p_1));
-- $1 = ConstantParameter { Text = 4 }

-- byAddress
select to_json((
    select json_build_object('totalCount', (
        select count(*)::int
        from "public"."contact" as __c_2
        where true and __c_2."address" = (case when json_typeof($1::json) = 'object' then row((($1::json -> 'street') #>> '{}')::text, (($1::json -> 'city') #>> '{}')::text, (case (($1::json -> 'kind') #>> '{}') when 'HOME' then 'home' when 'WORK' then 'work' when 'POST_BOX' then 'post box' end)::address_kind, (case when json_typeof(($1::json -> 'location')) = 'object' then row(((($1::json -> 'location') -> 'lat') #>> '{}')::double precision, ((($1::json -> 'location') -> 'lng') #>> '{}')::double precision)::geo_point end), (case when json_typeof(($1::json -> 'lines')) = 'array' then array(
                select (__e_3.v #>> '{}')::text
                from json_array_elements(($1::json -> 'lines')) with ordinality as __e_3(v, o)
                order by __e_3.o) end)::text[], (($1::json -> 'postCode') #>> '{}')::integer)::address end)), 'nodes', coalesce(json_agg(json_build_object('name', __p_1."name") order by __p_1."id" asc), '[]'::json))
    from (
      select __t_4."id", __t_4."name", row_number() over (order by __t_4."id" asc) as __n
      from "public"."contact" as __t_4
      where true and __t_4."address" = (case when json_typeof($1::json) = 'object' then row((($1::json -> 'street') #>> '{}')::text, (($1::json -> 'city') #>> '{}')::text, (case (($1::json -> 'kind') #>> '{}') when 'HOME' then 'home' when 'WORK' then 'work' when 'POST_BOX' then 'post box' end)::address_kind, (case when json_typeof(($1::json -> 'location')) = 'object' then row(((($1::json -> 'location') -> 'lat') #>> '{}')::double precision, ((($1::json -> 'location') -> 'lng') #>> '{}')::double precision)::geo_point end), (case when json_typeof(($1::json -> 'lines')) = 'array' then array(
              select (__e_5.v #>> '{}')::text
              from json_array_elements(($1::json -> 'lines')) with ordinality as __e_5(v, o)
              order by __e_5.o) end)::text[], (($1::json -> 'postCode') #>> '{}')::integer)::address end)
      order by __t_4."id" asc) as __p_1));
-- $1 = VariableParameter { Name = where, Format = Json, PathKey = address, Path = System.String[] }

-- addressIn
select to_json((
    select json_build_object('street', (__f_1)."street", 'postCode', (__f_1)."post_code")
    from "public"."address_in"($1::text) as __f_1
    where not (__f_1 is null)));
-- $1 = ConstantParameter { Text = Wellington }

-- allAddresses
select to_json((
    select json_build_object('totalCount', (
        select count(*)::int
        from "public"."all_addresses"() as __c_2), 'edges', coalesce(json_agg(json_build_object('cursor', translate(encode(convert_to(('[' || coalesce(to_json('natural'::text)::text, 'null') || ',' || coalesce(to_json(__p_1.__i)::text, 'null') || ']'), 'UTF8'), 'base64'), chr(10), ''), 'node', (
              select case when __c_3.v is not distinct
              from null then null else json_build_object('city', (__c_3.v)."city") end
              from (
                select __p_1.v) as __c_3(v))) order by __p_1.__i asc) filter (where __p_1.__n <= $1::integer), '[]'::json))
    from (
      select x.v, x.o as __i, row_number() over (order by x.o) as __n
      from (
        select __f_4 as v, row_number() over () as o
        from "public"."all_addresses"() as __f_4) as x
      where true
      order by x.o
      limit $1::integer + 1) as __p_1));
-- $1 = ConstantParameter { Text = 2 }

-- sameCity
select to_json("public"."same_city"((case when json_typeof($1::json) = 'object' then row((($1::json -> 'street') #>> '{}')::text, (($1::json -> 'city') #>> '{}')::text, (case (($1::json -> 'kind') #>> '{}') when 'HOME' then 'home' when 'WORK' then 'work' when 'POST_BOX' then 'post box' end)::address_kind, (case when json_typeof(($1::json -> 'location')) = 'object' then row(((($1::json -> 'location') -> 'lat') #>> '{}')::double precision, ((($1::json -> 'location') -> 'lng') #>> '{}')::double precision)::geo_point end), (case when json_typeof(($1::json -> 'lines')) = 'array' then array(
            select (__e_1.v #>> '{}')::text
            from json_array_elements(($1::json -> 'lines')) with ordinality as __e_1(v, o)
            order by __e_1.o) end)::text[], (($1::json -> 'postCode') #>> '{}')::integer)::address end), (case when json_typeof($2::json) = 'object' then row((($2::json -> 'street') #>> '{}')::text, (($2::json -> 'city') #>> '{}')::text, (case (($2::json -> 'kind') #>> '{}') when 'HOME' then 'home' when 'WORK' then 'work' when 'POST_BOX' then 'post box' end)::address_kind, (case when json_typeof(($2::json -> 'location')) = 'object' then row(((($2::json -> 'location') -> 'lat') #>> '{}')::double precision, ((($2::json -> 'location') -> 'lng') #>> '{}')::double precision)::geo_point end), (case when json_typeof(($2::json -> 'lines')) = 'array' then array(
            select (__e_2.v #>> '{}')::text
            from json_array_elements(($2::json -> 'lines')) with ordinality as __e_2(v, o)
            order by __e_2.o) end)::text[], (($2::json -> 'postCode') #>> '{}')::integer)::address end)));
-- $1 = ConstantParameter { Text = {"city":"Wellington"} }
-- $2 = ConstantParameter { Text = {"city":"Wellington","street":"elsewhere"} }

