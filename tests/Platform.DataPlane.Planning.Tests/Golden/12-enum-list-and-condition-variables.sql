-- allUsers
select to_json((
    select json_build_object('nodes', coalesce(json_agg(json_build_object('email', __p_1."email", 'mood', (case (__p_1."mood")::text when 'happy' then 'HAPPY' when 'sad' then 'SAD' when 'in between' then 'IN_BETWEEN' end), 'countryByCountryCode', (
              select json_build_object('name', __country_2."name")
              from "public"."country" as __country_2
              where __country_2."code" = __p_1."country_code")) order by __p_1."email" desc), '[]'::json))
    from (
      select __t_3."email", __t_3."mood", __t_3."country_code", row_number() over (order by __t_3."email" desc) as __n
      from "public"."user" as __t_3
      where true and __t_3."mood" = (case $1::text when 'HAPPY' then 'happy' when 'SAD' then 'sad' when 'IN_BETWEEN' then 'in between' end)::mood
      order by __t_3."email" desc) as __p_1));
-- $1 = VariableParameter { Name = c, Format = Scalar, PathKey = mood, Path = System.String[] }

