using Platform.DataPlane.Planning.Sql;
using Platform.DataPlane.Schema.Model;
using ValueType = Platform.DataPlane.Schema.Model.ValueType;

namespace Platform.DataPlane.Planning.Planner;

public sealed partial class OperationPlanner
{
    private static readonly ValueType TextType = new(ScalarKind.String, "String", "text");

    /// <summary>
    /// <c>select json_build_object(...) from __m as row</c>: an update or delete that matched nothing yields no row,
    /// which the executor turns into an error.
    /// </summary>
    private void TablePayload(SqlBuilder sql, PlanContext context, TableModel table, InputObject input, CollectedField field, string payloadType)
    {
        var row = sql.NewAlias(table.Name);
        var isDelete = payloadType == table.DeletePayloadTypeName;
        var fields = FieldCollector.Collect(context, field.SelectionSets, t => t == payloadType);
        sql.Sql("select ");
        JsonObject(sql, context, fields, f =>
        {
            CheckDepth(context, f, 2);
            if (f.Name == "__typename")
            {
                sql.NameLiteral(payloadType).Sql("::text");
            }
            else if (f.Name == "clientMutationId")
            {
                input.Write(sql, context, "clientMutationId", TextType);
            }
            else if (f.Name == "query")
            {
                QueryField(sql, context, f, 2);
            }
            else if (f.Name == table.RowFieldName)
            {
                RowObject(sql, context, table, row, f, 2);
            }
            else if (isDelete && f.Name == table.DeletedNodeIdFieldName)
            {
                if (table.IsNode)
                {
                    NodeIdExpression(sql, table, row);
                }
                else
                {
                    sql.Sql("null::text");
                }
            }
            else if (f.Name == table.EdgeFieldName)
            {
                PayloadEdge(sql, context, table, row, f);
            }
            else if (table.ForwardRelations.FirstOrDefault(r => r.FieldName == f.Name) is { } relation)
            {
                SingleRelated(sql, context, relation.Target, relation.TargetColumns, relation.LocalColumns, row, f, 2);
            }
            else
            {
                throw UnknownField(context, f, payloadType);
            }
        });
        sql.Sql(" from __m as ").Sql(row.Name);
    }

    /// <summary>The row as a connection edge, with the cursor it would have in <c>allXs(orderBy:)</c>.</summary>
    private void PayloadEdge(SqlBuilder sql, PlanContext context, TableModel table, SqlAlias row, CollectedField field)
    {
        var order = ResolveOrder(context, table, ValueWriter.Argument(field.Field, "orderBy"), false);
        var parts = FieldCollector.Collect(context, field.SelectionSets, t => t == table.EdgeTypeName);
        JsonObject(sql, context, parts, part =>
        {
            switch (part.Name)
            {
                case "__typename":
                    sql.NameLiteral(table.EdgeTypeName).Sql("::text");
                    return;
                case "node":
                    RowObject(sql, context, table, row, part, 3);
                    return;
                case "cursor" when order.IsKeyed:
                    KeyedCursor(sql, order, row);
                    return;
                case "cursor":
                    // A position cursor means nothing outside its page.
                    sql.Sql("null::text");
                    return;
                default:
                    throw UnknownField(context, part, table.EdgeTypeName);
            }
        });
    }
}
