using GraphQLParser.AST;
using Platform.DataPlane.Planning.Errors;
using Platform.DataPlane.Planning.Plans;
using Platform.DataPlane.Planning.Sql;
using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Planning.Planner;

public sealed partial class OperationPlanner
{
    /// <summary>
    /// A set-returning scalar function as a connection. Values are numbered WITH ORDINALITY, the function's own order;
    /// that number is the cursor, and the paging machinery of keyless collections applies unchanged.
    /// </summary>
    private void ScalarSetConnection(SqlBuilder sql, PlanContext context, FunctionModel function, Action<SqlBuilder> call, CollectedField field, int depth)
    {
        GraphQLValue? Present(string name)
        {
            var value = ValueWriter.Argument(field.Field, name);
            return ValueWriter.IsAbsent(context, value) ? null : value;
        }

        var first = Present("first");
        var last = Present("last");
        var offset = Present("offset");
        if (first is not null && last is not null)
        {
            throw context.Error(ErrorCodes.BadUserInput, "Use either first or last, not both.", field.Field);
        }

        var args = new ConnectionArguments(first, last, last is null ? offset : null, CursorSource(Present("after")), CursorSource(Present("before")), new OrderSpec([], [], false));
        var source = new RowSource(null, call, null);
        var fields = FieldCollector.Collect(context, field.SelectionSets, t => t == function.ScalarConnectionTypeName);
        var page = sql.NewAlias("p");
        sql.Sql("(select ");
        JsonObject(sql, context, fields, f => ScalarSetField(sql, context, function, source, args, f, page, depth));
        sql.Sql(" from (select x.v, x.o as __i, row_number() over (order by x.o").Sql(args.Backward ? " desc" : "").Sql(") as __n from ");
        if (function.ReturnType!.Kind == ScalarKind.Composite || IsCompositeValue(function.ReturnType!))
        {
            // A composite result would spread into columns under WITH ORDINALITY; the whole-row value of a plain
            // function scan is the composite, numbered in the order the function returns it.
            var scan = sql.NewAlias("f");
            sql.Sql("(select ").Sql(scan.Name).Sql(" as v, row_number() over () as o from ");
            call(sql);
            sql.Sql(" as ").Sql(scan.Name).Sql(") as x where true");
        }
        else
        {
            call(sql);
            sql.Sql(" with ordinality as x(v, o) where true");
        }

        if (args.After is not null)
        {
            sql.Sql(" and x.o > ").Parameter(new CursorParameter(args.After, "natural", 0), SqlTypeName.BigInt);
        }

        if (args.Before is not null)
        {
            sql.Sql(" and x.o < ").Parameter(new CursorParameter(args.Before, "natural", 0), SqlTypeName.BigInt);
        }

        sql.Sql(" order by x.o").Sql(args.Backward ? " desc" : "");
        LimitAndOffset(sql, context, args);

        sql.Sql(") as ").Sql(page.Name).Sql(")");
    }

    private void ScalarSetField(SqlBuilder sql, PlanContext context, FunctionModel function, RowSource source, ConnectionArguments args, CollectedField field, SqlAlias page, int depth)
    {
        CheckDepth(context, field, depth + 1);
        void Value(SqlBuilder s) => s.Sql(page.Name).Sql(".v");
        switch (field.Name)
        {
            case "__typename":
                sql.NameLiteral(function.ScalarConnectionTypeName).Sql("::text");
                return;
            case "totalCount":
                sql.Sql("(select count(*)::int from ");
                source.WriteFrom(sql, sql.NewAlias("c"));
                sql.Sql(")");
                return;
            case "nodes":
                sql.Sql("coalesce(json_agg(");
                ColumnValue(sql, context, function.ReturnType!, Value, field);
                AggregateTail(sql, context, args, page, reverse: false);
                sql.Sql(", '[]'::json)");
                return;
            case "edges":
                var edgeFields = FieldCollector.Collect(context, field.SelectionSets, t => t == function.ScalarEdgeTypeName);
                sql.Sql("coalesce(json_agg(");
                JsonObject(sql, context, edgeFields, e =>
                {
                    switch (e.Name)
                    {
                        case "__typename":
                            sql.NameLiteral(function.ScalarEdgeTypeName).Sql("::text");
                            break;
                        case "cursor":
                            CursorExpression(sql, args.Order, page);
                            break;
                        case "node":
                            ColumnValue(sql, context, function.ReturnType!, Value, e);
                            break;
                        default:
                            throw UnknownField(context, e, function.ScalarEdgeTypeName);
                    }
                });
                AggregateTail(sql, context, args, page, reverse: false);
                sql.Sql(", '[]'::json)");
                return;
            case "pageInfo":
                var infoFields = FieldCollector.Collect(context, field.SelectionSets, t => t == "PageInfo");
                JsonObject(sql, context, infoFields, i => PageInfoField(sql, context, source, args, i, page, (s, _) => s.Sql("true")));
                return;
            default:
                throw UnknownField(context, field, function.ScalarConnectionTypeName);
        }
    }

    private static bool IsCompositeValue(Schema.Model.ValueType type) =>
        type.Kind == ScalarKind.JwtToken || (type.Kind == ScalarKind.Json && type.SqlType is not ("json" or "jsonb"));
}
