using GraphQLParser.AST;
using Platform.DataPlane.Planning.Errors;
using Platform.DataPlane.Planning.Plans;
using Platform.DataPlane.Planning.Sql;

namespace Platform.DataPlane.Planning.Planner;

public sealed partial class OperationPlanner
{
    /// <summary>
    /// Writes a connection as one correlated subquery: a page subquery (one row more than asked, to know whether more
    /// exist) aggregated into nodes/edges with json_agg, plus totalCount and pageInfo only when selected.
    /// </summary>
    private void Connection(SqlBuilder sql, PlanContext context, RowSource source, CollectedField field, int depth)
    {
        var table = source.Table;
        var args = ReadConnectionArguments(context, source, field);
        var fields = FieldCollector.Collect(context, field.SelectionSets, t => t == table.ConnectionTypeName);
        var condition = ValueWriter.Argument(field.Field, "condition");
        void Filter(SqlBuilder s, SqlAlias alias)
        {
            source.WriteCorrelation(s, alias);
            WriteCondition(s, context, table, alias, condition);
        }

        var needsPage = fields.Any(f => f.Name is "nodes" or "edges" or "pageInfo");
        if (!needsPage)
        {
            JsonObject(sql, context, fields, f => ConnectionField(sql, context, source, args, f, null, Filter, depth));
            return;
        }

        var page = sql.NewAlias("p");
        sql.Sql("(select ");
        JsonObject(sql, context, fields, f => ConnectionField(sql, context, source, args, f, page, Filter, depth));
        sql.Sql(" from (");
        WritePage(sql, context, source, args, Filter, sql.UsesOf(RowOf(page)));
        sql.Sql(") as ").Sql(page.Name).Sql(")");
    }

    private static ConnectionArguments ReadConnectionArguments(PlanContext context, RowSource source, CollectedField field)
    {
        GraphQLValue? Present(string name)
        {
            var value = ValueWriter.Argument(field.Field, name);
            return ValueWriter.IsAbsent(context, value) ? null : value;
        }

        var first = Present("first");
        var last = Present("last");
        var offset = Present("offset");
        foreach (var value in new[] { first, last, offset })
        {
            if (value is GraphQLIntValue i && ((string)i.Value).StartsWith('-'))
            {
                throw context.Error(ErrorCodes.BadUserInput, "first, last and offset must not be negative.", value);
            }
        }

        if (first is not null && last is not null)
        {
            throw context.Error(ErrorCodes.BadUserInput, "Use either first or last, not both.", field.Field);
        }

        if (last is not null && offset is not null)
        {
            throw context.Error(ErrorCodes.BadUserInput, "offset cannot be combined with last.", field.Field);
        }

        // A function's connection has orderBy only when v4 gives it one (@sortable); validation refuses it otherwise.
        var order = ResolveOrder(context, source.Table, ValueWriter.Argument(field.Field, "orderBy"), source.IsFunction, functionSource: source.IsFunction);
        var after = CursorSource(Present("after"));
        var before = CursorSource(Present("before"));
        return new ConnectionArguments(first, last, offset, after, before, order);
    }

    private static ParameterSource? CursorSource(GraphQLValue? value) => value switch
    {
        null => null,
        GraphQLVariable v => new VariableParameter(v.Name.StringValue, ValueFormat.Scalar),
        GraphQLStringValue s => new ConstantParameter((string)s.Value),
        _ => new ConstantParameter(value.ToString()),
    };

    /// <summary>
    /// The page subquery: the columns the selection reads, by name (<paramref name="used"/>, written before the page),
    /// the whole row as <c>__r</c> only when something takes it (a computed column), and the position <c>__n</c>.
    /// Naming columns rather than reading whole rows lets a role with column-level grants page through a table, keeps
    /// rows small, and keeps a cached plan valid while columns are added to the table.
    /// </summary>
    private static void WritePage(SqlBuilder sql, PlanContext context, RowSource source, ConnectionArguments args, Action<SqlBuilder, SqlAlias> filter, RowUse used)
    {
        var t = sql.NewAlias("t");
        var columns = source.Table.Class.Columns.Where(c => used.Columns.Contains(c.Name)).Select(c => c.Name).ToList();
        if (args.Order.IsKeyed)
        {
            sql.Sql("select ");
            PageColumns(sql, source, t, columns, used.WholeRow);
            sql.Sql("row_number() over (order by ");
            OrderBy(sql, args.Order, t, args.Backward);
            sql.Sql(") as __n from ");
            source.WriteFrom(sql, t);
            sql.Sql(" where ");
            filter(sql, t);
            if (args.After is not null)
            {
                sql.Sql(" and ");
                CursorCondition(sql, args.Order, t, args.After, after: true);
            }

            if (args.Before is not null)
            {
                sql.Sql(" and ");
                CursorCondition(sql, args.Order, t, args.Before, after: false);
            }

            sql.Sql(" order by ");
            OrderBy(sql, args.Order, t, args.Backward);
        }
        else
        {
            // Without a key, a row's cursor is its position __i in the whole filtered, ordered set; __n is its
            // position inside the cursor window, as for keyed orderings.
            var w = sql.NewAlias("w");
            sql.Sql("select ");
            foreach (var column in columns)
            {
                sql.Column(w, column).Sql(", ");
            }

            sql.Sql(used.WholeRow ? w.Name + ".__r, " : "")
                .Sql(w.Name).Sql(".__n as __i, row_number() over (order by ").Sql(w.Name).Sql(".__n")
                .Sql(args.Backward ? " desc" : "").Sql(") as __n from (select ");
            PageColumns(sql, source, t, columns, used.WholeRow);
            sql.Sql("row_number() over (");
            if (args.Order.Terms.Count > 0)
            {
                sql.Sql("order by ");
                OrderBy(sql, args.Order, t, false);
            }

            sql.Sql(") as __n from ");
            source.WriteFrom(sql, t);
            sql.Sql(" where ");
            filter(sql, t);
            sql.Sql(") as ").Sql(w.Name).Sql(" where true");
            if (args.After is not null)
            {
                sql.Sql(" and ").Sql(w.Name).Sql(".__n > ").Parameter(new CursorParameter(args.After, args.Order.Key, 0), SqlTypeName.BigInt);
            }

            if (args.Before is not null)
            {
                sql.Sql(" and ").Sql(w.Name).Sql(".__n < ").Parameter(new CursorParameter(args.Before, args.Order.Key, 0), SqlTypeName.BigInt);
            }

            sql.Sql(" order by ").Sql(w.Name).Sql(".__n").Sql(args.Backward ? " desc" : "");
        }

        LimitAndOffset(sql, context, args);
    }

    /// <summary>One row more than asked for (it answers hasNextPage/hasPreviousPage), after the offset.</summary>
    private static void LimitAndOffset(SqlBuilder sql, PlanContext context, ConnectionArguments args)
    {
        if (args.Limit is { } limit)
        {
            sql.Sql(" limit ");
            ValueWriter.Write(sql, context, limit, ValueWriter.IntType);
            sql.Sql(" + 1");
        }

        if (args.Offset is { } offset)
        {
            sql.Sql(" offset ");
            ValueWriter.Write(sql, context, offset, ValueWriter.IntType);
        }
    }

    /// <summary><c>t."a", t."b", [t::table_type as __r, ]</c>: each ends with a comma for the position that follows.</summary>
    private static void PageColumns(SqlBuilder sql, RowSource source, SqlAlias t, List<string> columns, bool wholeRow)
    {
        foreach (var column in columns)
        {
            sql.Column(t, column).Sql(", ");
        }

        if (wholeRow)
        {
            sql.Sql(t.Name).Sql("::").QualifiedName(source.Table.Schema, source.Table.Name).Sql(" as __r, ");
        }
    }
}
