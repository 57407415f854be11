-- deleteOrderItemByOrderIdAndLineNo
with __m as (delete from "public"."order_item" as __orderitem_1 where __orderitem_1."order_id" = $1::integer and __orderitem_1."line_no" = $2::integer returning __orderitem_1.*) select array_agg(__m)::text from __m;
-- $1 = VariableParameter { Name = order, Format = Scalar, PathKey = , Path = System.String[] }
-- $2 = ConstantParameter { Text = 2 }

-- payload, after the change:
with __m as (select * from unnest($1::"public"."order_item"[])) select json_build_object('deletedOrderItemId', translate(encode(convert_to(('[' || coalesce(to_json('order_items'::text)::text, 'null') || ',' || coalesce(to_json(__orderitem_1."order_id")::text, 'null') || ',' || coalesce(to_json(__orderitem_1."line_no")::text, 'null') || ']'), 'UTF8'), 'base64'), chr(10), ''), 'orderItem', json_build_object('product', __orderitem_1."product", 'qty', __orderitem_1."qty"), 'orderByOrderId', (select json_build_object('total', (__order_2."total")::text) from "public"."order" as __order_2 where __order_2."id" = __orderitem_1."order_id"), 'query', json_build_object('orderById', (select json_build_object('orderItemsByOrderId', (select json_build_object('totalCount', (select count(*)::int from "public"."order_item" as __c_5 where __c_5."order_id" = __order_3."id"), 'nodes', coalesce(json_agg(json_build_object('lineNo', __p_4."line_no") order by __p_4."line_no" asc, __p_4."order_id" asc, __p_4."line_no" asc), '[]'::json)) from (select __t_6."order_id", __t_6."line_no", row_number() over (order by __t_6."line_no" asc, __t_6."order_id" asc, __t_6."line_no" asc) as __n from "public"."order_item" as __t_6 where __t_6."order_id" = __order_3."id" order by __t_6."line_no" asc, __t_6."order_id" asc, __t_6."line_no" asc) as __p_4)) from "public"."order" as __order_3 where __order_3."id" = $2::integer))) from __m as __orderitem_1;
-- $1 = ChangedRowsParameter { }
-- $2 = VariableParameter { Name = order, Format = Scalar, PathKey = , Path = System.String[] }

