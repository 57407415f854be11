-- __typename
select to_json(to_json('Query'::text));

