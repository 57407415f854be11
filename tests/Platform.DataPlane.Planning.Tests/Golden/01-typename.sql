-- __typename
-- (a constant, no SQL): "Query"

