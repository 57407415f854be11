using Platform.DataPlane.Planning.Plans;
using Platform.DataPlane.Planning.Sql;

namespace Platform.DataPlane.Planning.Planner;

public sealed partial class OperationPlanner
{
    private void ConnectionField(SqlBuilder sql, PlanContext context, RowSource source, ConnectionArguments args, CollectedField field, SqlAlias? page, Action<SqlBuilder, SqlAlias> filter, int depth)
    {
        CheckDepth(context, field, depth + 1);
        var table = source.Table;
        switch (field.Name)
        {
            case "__typename":
                sql.NameLiteral(table.ConnectionTypeName).Sql("::text");
                return;
            case "totalCount":
                var c = sql.NewAlias("c");
                sql.Sql("(select count(*)::int from ");
                source.WriteFrom(sql, c);
                sql.Sql(" where ");
                filter(sql, c);
                sql.Sql(")");
                return;
            case "nodes":
                var nodeRow = RowOf(page!);
                sql.Sql("coalesce(json_agg(");
                RowObject(sql, context, table, nodeRow, field, depth + 1);
                AggregateTail(sql, context, args, page!, reverse: false);
                sql.Sql(", '[]'::json)");
                return;
            case "edges":
                var edgeRow = RowOf(page!);
                var edgeFields = FieldCollector.Collect(context, field.SelectionSets, t => t == table.EdgeTypeName);
                sql.Sql("coalesce(json_agg(");
                JsonObject(sql, context, edgeFields, e =>
                {
                    CheckDepth(context, e, depth + 2);
                    switch (e.Name)
                    {
                        case "__typename":
                            sql.NameLiteral(table.EdgeTypeName).Sql("::text");
                            break;
                        case "cursor":
                            CursorExpression(sql, args.Order, page!);
                            break;
                        case "node":
                            RowObject(sql, context, table, edgeRow, e, depth + 2);
                            break;
                        default:
                            throw UnknownField(context, e, table.EdgeTypeName);
                    }
                });
                AggregateTail(sql, context, args, page!, reverse: false);
                sql.Sql(", '[]'::json)");
                return;
            case "pageInfo":
                var infoFields = FieldCollector.Collect(context, field.SelectionSets, t => t == "PageInfo");
                JsonObject(sql, context, infoFields, i => PageInfoField(sql, context, source, args, i, page!, filter));
                return;
            default:
                throw UnknownField(context, field, table.ConnectionTypeName);
        }
    }

    /// <summary>A page's row: its columns by name on the page, the whole row (when something needs it) as <c>__r</c>.</summary>
    private static SqlAlias RowOf(SqlAlias page) => new(page.Name, "(" + page.Name + ".__r)");

    /// <summary>Closes an aggregate: ORDER BY the connection's order and FILTER out the look-ahead row.</summary>
    private static void AggregateTail(SqlBuilder sql, PlanContext context, ConnectionArguments args, SqlAlias page, bool reverse)
    {
        sql.Sql(" order by ");
        if (args.Order.IsKeyed)
        {
            OrderBy(sql, args.Order, RowOf(page), reverse);
        }
        else
        {
            sql.Sql(page.Name).Sql(".__i").Sql(reverse ? " desc" : " asc");
        }

        sql.Sql(")");
        if (args.Limit is not null)
        {
            sql.Sql(" filter (where ");
            LastWantedPosition(sql, context, args, page);
            sql.Sql(")");
        }
    }

    /// <summary>Writes <c>p.n &lt;= position of the last wanted row</c>; the page query fetched one more.</summary>
    private static void LastWantedPosition(SqlBuilder sql, PlanContext context, ConnectionArguments args, SqlAlias page)
    {
        sql.Sql(page.Name).Sql(".__n <= ");
        WantedPosition(sql, context, args);
    }

    private static void WantedPosition(SqlBuilder sql, PlanContext context, ConnectionArguments args)
    {
        if (args.Offset is not null && !args.Backward)
        {
            sql.Sql("coalesce(");
            ValueWriter.Write(sql, context, args.Offset, ValueWriter.IntType);
            sql.Sql(", 0) + ");
        }

        ValueWriter.Write(sql, context, args.Limit!, ValueWriter.IntType);
    }

    private static void PageInfoField(SqlBuilder sql, PlanContext context, RowSource source, ConnectionArguments args, CollectedField field, SqlAlias page, Action<SqlBuilder, SqlAlias> filter)
    {
        switch (field.Name)
        {
            case "__typename":
                sql.NameLiteral("PageInfo").Sql("::text");
                return;
            case "startCursor" or "endCursor":
                sql.Sql("(array_agg(");
                CursorExpression(sql, args.Order, page);
                AggregateTail(sql, context, args, page, reverse: field.Name == "endCursor");
                sql.Sql(")[1]");
                return;
            case "hasNextPage" or "hasPreviousPage":
                var lookAhead = field.Name == "hasNextPage" ? !args.Backward : args.Backward;
                if (lookAhead && args.Limit is not null)
                {
                    // The page query fetched one row past the wanted ones exactly when more rows exist.
                    sql.Sql("(coalesce(max(").Sql(page.Name).Sql(".__n), 0) > ");
                    WantedPosition(sql, context, args);
                    sql.Sql(")");
                    return;
                }

                var cursor = field.Name == "hasNextPage" ? args.Before : args.After;
                if (cursor is not null && args.Order.IsKeyed)
                {
                    // Rows on the far side of the cursor exist: the client came from there.
                    var x = sql.NewAlias("x");
                    sql.Sql("exists(select 1 from ");
                    source.WriteFrom(sql, x);
                    sql.Sql(" where ");
                    filter(sql, x);
                    sql.Sql(" and not ");
                    CursorCondition(sql, args.Order, x, cursor, after: field.Name == "hasPreviousPage");
                    sql.Sql(")");
                    return;
                }

                if (field.Name == "hasNextPage" && cursor is not null)
                {
                    // Positions are contiguous, so rows exist at or past the before-cursor exactly when it is within the count.
                    var c = sql.NewAlias("c");
                    sql.Sql("(").Parameter(new CursorParameter(cursor, args.Order.Key, 0), SqlTypeName.BigInt).Sql(" <= (select count(*) from ");
                    source.WriteFrom(sql, c);
                    sql.Sql(" where ");
                    filter(sql, c);
                    sql.Sql("))");
                    return;
                }

                if (field.Name == "hasPreviousPage" && (args.Offset is not null || cursor is not null))
                {
                    sql.Sql("(");
                    if (cursor is not null)
                    {
                        sql.Parameter(new CursorParameter(cursor, args.Order.Key, 0), SqlTypeName.BigInt).Sql(" > 0 or ");
                    }

                    if (args.Offset is null)
                    {
                        sql.Sql("false)");
                        return;
                    }

                    sql.Sql("coalesce(");
                    ValueWriter.Write(sql, context, args.Offset, ValueWriter.IntType);
                    sql.Sql(", 0) > 0)");
                    return;
                }

                sql.Sql("false");
                return;
            default:
                throw UnknownField(context, field, "PageInfo");
        }
    }
}
