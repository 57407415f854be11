-- updateCountryByCode
with __m as (update "public"."country" as __country_1 set "name" = $1::text where __country_1."code" = $2::bpchar returning __country_1.*) select array_agg(__m)::text from __m;
-- $1 = ConstantParameter { Text = Nippon }
-- $2 = ConstantParameter { Text = JP }

-- payload, after the change:
with __m as (select * from unnest($1::"public"."country"[])) select json_build_object('country', json_build_object('nodeId', translate(encode(convert_to(('[' || coalesce(to_json('countries'::text)::text, 'null') || ',' || coalesce(to_json(__country_1."code")::text, 'null') || ']'), 'UTF8'), 'base64'), chr(10), ''), 'code', __country_1."code", 'name', __country_1."name"), 'query', json_build_object('allCountries', (select json_build_object('nodes', coalesce(json_agg(json_build_object('code', __p_2."code", 'name', __p_2."name") order by __p_2."code" asc), '[]'::json)) from (select __t_3."code", __t_3."name", row_number() over (order by __t_3."code" asc) as __n from "public"."country" as __t_3 where true order by __t_3."code" asc) as __p_2))) from __m as __country_1;
-- $1 = ChangedRowsParameter { }

