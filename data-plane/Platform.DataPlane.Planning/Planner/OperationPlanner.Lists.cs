using Platform.DataPlane.Planning.Errors;
using Platform.DataPlane.Planning.Sql;

namespace Platform.DataPlane.Planning.Planner;

public sealed partial class OperationPlanner
{
    /// <summary>
    /// A table's rows as v4's simple collection (<c>@simpleCollections</c>): a JSON array of row objects in the
    /// requested order (the table's own without orderBy), filtered by <c>condition</c>, after <c>offset</c>, at most <c>first</c> of them; no cursors.
    /// </summary>
    private void RowList(SqlBuilder sql, PlanContext context, RowSource source, CollectedField field, int depth)
    {
        CheckDepth(context, field, depth + 1);
        var table = source.Table;
        var first = ValueWriter.Argument(field.Field, "first");
        var offset = ValueWriter.Argument(field.Field, "offset");
        first = ValueWriter.IsAbsent(context, first) ? null : first;
        offset = ValueWriter.IsAbsent(context, offset) ? null : offset;
        foreach (var value in new[] { first, offset })
        {
            if (value is GraphQLParser.AST.GraphQLIntValue i && ((string)i.Value).StartsWith('-'))
            {
                throw context.Error(ErrorCodes.BadUserInput, "first and offset must not be negative.", value);
            }
        }

        // Without orderBy, v4 reads a simple collection in the table's own order (no primary key default).
        var orderBy = ValueWriter.Argument(field.Field, "orderBy");
        var order = ResolveOrder(context, table, ValueWriter.IsAbsent(context, orderBy) ? null : orderBy, unkeyedSource: ValueWriter.IsAbsent(context, orderBy));
        var condition = ValueWriter.Argument(field.Field, "condition");
        var t = sql.NewAlias("t");
        var x = sql.NewAlias("l");
        sql.Sql("(select coalesce(json_agg(").Sql(x.Name).Sql(".j order by ").Sql(x.Name).Sql(".n), '[]'::json) from (select ");
        RowObject(sql, context, table, t, field, depth);
        sql.Sql(" as j, row_number() over (");
        if (order.Terms.Count > 0)
        {
            sql.Sql("order by ");
            OrderBy(sql, order, t, false);
        }

        sql.Sql(") as n from ");
        source.WriteFrom(sql, t);
        sql.Sql(" where ");
        source.WriteCorrelation(sql, t);
        WriteCondition(sql, context, table, t, condition);
        if (order.Terms.Count > 0)
        {
            sql.Sql(" order by ");
            OrderBy(sql, order, t, false);
        }

        if (first is not null)
        {
            sql.Sql(" limit ");
            ValueWriter.Write(sql, context, first, ValueWriter.IntType);
        }

        if (offset is not null)
        {
            sql.Sql(" offset ");
            ValueWriter.Write(sql, context, offset, ValueWriter.IntType);
        }

        sql.Sql(") as ").Sql(x.Name).Sql(")");
    }
}
