-- createContact
with __m as (
  insert into "public"."contact" ("name", "address", "previous_addresses")
  values ($1::text, (case when json_typeof($2::json) = 'object' then row((($2::json -> 'street') #>> '{}')::text, (($2::json -> 'city') #>> '{}')::text, (case (($2::json -> 'kind') #>> '{}') when 'HOME' then 'home' when 'WORK' then 'work' when 'POST_BOX' then 'post box' end)::address_kind, (case when json_typeof(($2::json -> 'location')) = 'object' then row(((($2::json -> 'location') -> 'lat') #>> '{}')::double precision, ((($2::json -> 'location') -> 'lng') #>> '{}')::double precision)::geo_point end), (case when json_typeof(($2::json -> 'lines')) = 'array' then array(
            select (__e_1.v #>> '{}')::text
            from json_array_elements(($2::json -> 'lines')) with ordinality as __e_1(v, o)
            order by __e_1.o) end)::text[], (($2::json -> 'postCode') #>> '{}')::integer)::address end), (case when json_typeof($3::json) = 'array' then array(
        select (case when json_typeof(__e_2.v) = 'object' then row(((__e_2.v -> 'street') #>> '{}')::text, ((__e_2.v -> 'city') #>> '{}')::text, (case ((__e_2.v -> 'kind') #>> '{}') when 'HOME' then 'home' when 'WORK' then 'work' when 'POST_BOX' then 'post box' end)::address_kind, (case when json_typeof((__e_2.v -> 'location')) = 'object' then row((((__e_2.v -> 'location') -> 'lat') #>> '{}')::double precision, (((__e_2.v -> 'location') -> 'lng') #>> '{}')::double precision)::geo_point end), (case when json_typeof((__e_2.v -> 'lines')) = 'array' then array(
                select (__e_3.v #>> '{}')::text
                from json_array_elements((__e_2.v -> 'lines')) with ordinality as __e_3(v, o)
                order by __e_3.o) end)::text[], ((__e_2.v -> 'postCode') #>> '{}')::integer)::address end)
        from json_array_elements($3::json) with ordinality as __e_2(v, o)
        order by __e_2.o) end)::address[])
  returning *)
select array_agg(__m)::text
from __m;
-- $1 = ConstantParameter { Text = New }
-- $2 = VariableParameter { Name = address, Format = Json, PathKey = , Path = System.String[] }
-- $3 = ConstantParameter { Text = [{"city":"Nelson","kind":"POST_BOX"},null] }

-- payload, after the change:
with __m as (
  select *
  from unnest($1::"public"."contact"[]))
select json_build_object('contact', json_build_object('name', __contact_1."name", 'address', (
      select case when __c_2.v is not distinct
      from null then null else json_build_object('street', (__c_2.v)."street", 'city', (__c_2.v)."city", 'kind', (case ((__c_2.v)."kind")::text when 'home' then 'HOME' when 'work' then 'WORK' when 'post box' then 'POST_BOX' end), 'location', (
          select case when __c_3.v is not distinct
          from null then null else json_build_object('lat', (__c_3.v)."lat", 'lng', (__c_3.v)."lng") end
          from (
            select (__c_2.v)."location") as __c_3(v)), 'lines', (__c_2.v)."lines", 'postCode', (__c_2.v)."post_code") end
      from (
        select __contact_1."address") as __c_2(v)), 'previousAddresses', (
      select case when __a_4.v is null then null else coalesce((
          select json_agg((
              select case when __c_6.v is not distinct
              from null then null else json_build_object('city', (__c_6.v)."city", 'kind', (case ((__c_6.v)."kind")::text when 'home' then 'HOME' when 'work' then 'WORK' when 'post box' then 'POST_BOX' end)) end
              from (
                select (__a_4.v)[__i_5.o]) as __c_6(v)) order by __i_5.o)
          from generate_subscripts(__a_4.v, 1) as __i_5(o)), '[]'::json) end
      from (
        select __contact_1."previous_addresses") as __a_4(v))))
from __m as __contact_1;
-- $1 = ChangedRowsParameter { }

-- updateContactById
with __m as (
  update "public"."contact" as __contact_1
  set "address" = (case when json_typeof($1::json) = 'object' then row((($1::json -> 'street') #>> '{}')::text, (($1::json -> 'city') #>> '{}')::text, (case (($1::json -> 'kind') #>> '{}') when 'HOME' then 'home' when 'WORK' then 'work' when 'POST_BOX' then 'post box' end)::address_kind, (case when json_typeof(($1::json -> 'location')) = 'object' then row(((($1::json -> 'location') -> 'lat') #>> '{}')::double precision, ((($1::json -> 'location') -> 'lng') #>> '{}')::double precision)::geo_point end), (case when json_typeof(($1::json -> 'lines')) = 'array' then array(
          select (__e_2.v #>> '{}')::text
          from json_array_elements(($1::json -> 'lines')) with ordinality as __e_2(v, o)
          order by __e_2.o) end)::text[], (($1::json -> 'postCode') #>> '{}')::integer)::address end)
  where __contact_1."id" = $2::integer
  returning __contact_1.*)
select array_agg(__m)::text
from __m;
-- $1 = ConstantParameter { Text = {"street":"3 Hill","city":"Dunedin"} }
-- $2 = ConstantParameter { Text = 6 }

-- payload, after the change:
with __m as (
  select *
  from unnest($1::"public"."contact"[]))
select json_build_object('contact', json_build_object('name', __contact_1."name", 'address', (
      select case when __c_2.v is not distinct
      from null then null else json_build_object('street', (__c_2.v)."street", 'city', (__c_2.v)."city", 'kind', (case ((__c_2.v)."kind")::text when 'home' then 'HOME' when 'work' then 'WORK' when 'post box' then 'POST_BOX' end), 'location', (
          select case when __c_3.v is not distinct
          from null then null else json_build_object('lat', (__c_3.v)."lat") end
          from (
            select (__c_2.v)."location") as __c_3(v))) end
      from (
        select __contact_1."address") as __c_2(v))))
from __m as __contact_1;
-- $1 = ChangedRowsParameter { }

-- moveContact
with __m as (
  select "public"."move_contact"($1::integer, (case when json_typeof($2::json) = 'object' then row((($2::json -> 'street') #>> '{}')::text, (($2::json -> 'city') #>> '{}')::text, (case (($2::json -> 'kind') #>> '{}') when 'HOME' then 'home' when 'WORK' then 'work' when 'POST_BOX' then 'post box' end)::address_kind, (case when json_typeof(($2::json -> 'location')) = 'object' then row(((($2::json -> 'location') -> 'lat') #>> '{}')::double precision, ((($2::json -> 'location') -> 'lng') #>> '{}')::double precision)::geo_point end), (case when json_typeof(($2::json -> 'lines')) = 'array' then array(
            select (__e_1.v #>> '{}')::text
            from json_array_elements(($2::json -> 'lines')) with ordinality as __e_1(v, o)
            order by __e_1.o) end)::text[], (($2::json -> 'postCode') #>> '{}')::integer)::address end)) as __v)
select array_agg(__m.__v::text)::text
from __m;
-- $1 = ConstantParameter { Text = 5 }
-- $2 = ConstantParameter { Text = {"city":"Christchurch","location":{"lat":-43.5,"lng":172.6}} }

-- payload, after the change:
with __m as (
  select __x::address as __v
  from unnest($1::text[]) as __x)
select json_build_object('address', (
    select (
      select case when __c_2.v is not distinct
      from null then null else json_build_object('city', (__c_2.v)."city", 'location', (
          select case when __c_3.v is not distinct
          from null then null else json_build_object('lat', (__c_3.v)."lat", 'lng', (__c_3.v)."lng") end
          from (
            select (__c_2.v)."location") as __c_3(v))) end
      from (
        select __r_1.__v) as __c_2(v))
    from __m as __r_1))
from (
  select count(*)
  from __m) as __run;
-- $1 = ChangedRowsParameter { }

