-- node
select to_json((
    select json_build_object('__typename', 'Event'::text, 'id', __event_1."id", 'title', __event_1."title")
    from "public"."event" as __event_1
    where __event_1."id" = $1::integer));
-- $1 = NodeIdKeyParameter { NodeId = VariableParameter { Name = event, Format = Scalar, PathKey = , Path = System.String[] }, Index = 0 }

-- orderItem
select to_json((
    select json_build_object('orderId', __orderitem_1."order_id", 'lineNo', __orderitem_1."line_no", 'product', __orderitem_1."product")
    from "public"."order_item" as __orderitem_1
    where __orderitem_1."order_id" = $1::integer and __orderitem_1."line_no" = $2::integer));
-- $1 = NodeIdKeyParameter { NodeId = VariableParameter { Name = line, Format = Scalar, PathKey = , Path = System.String[] }, Index = 0 }
-- $2 = NodeIdKeyParameter { NodeId = VariableParameter { Name = line, Format = Scalar, PathKey = , Path = System.String[] }, Index = 1 }

-- wrongTable
select to_json(null::json);

-- nothing
select to_json(null::json);

