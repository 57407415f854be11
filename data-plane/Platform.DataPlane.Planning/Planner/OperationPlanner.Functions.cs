using Platform.DataPlane.Planning.Sql;
using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Planning.Planner;

public sealed partial class OperationPlanner
{
    /// <summary>A function as a query field or, with <paramref name="row"/>, as a computed column of that row.</summary>
    private void FunctionField(SqlBuilder sql, PlanContext context, FunctionModel function, SqlAlias? row, CollectedField field, int depth)
    {
        void Call(SqlBuilder s) => WriteCall(s, context, function, row, field);
        switch (function.Returns)
        {
            case FunctionReturn.Scalar when function.ReturnType! is { Kind: ScalarKind.Composite, IsList: false, Composite: { } record }:
                // As v4 reads a function's record or composite: from the call, null when every attribute is null.
                var r = sql.NewAlias("f");
                sql.Sql("(select ");
                CompositeFields(sql, context, record, s => s.Sql(r.Name), field);
                sql.Sql(" from ");
                Call(sql);
                sql.Sql(" as ").Sql(r.Name).Sql(" where not (").Sql(r.Name).Sql(" is null))");
                return;
            case FunctionReturn.Scalar:
                ColumnValue(sql, context, function.ReturnType!, Call, field);
                return;
            case FunctionReturn.Row:
                var f = sql.NewAlias("f");
                sql.Sql("(select ");
                RowObject(sql, context, function.ReturnTable!, f, field, depth);
                sql.Sql(" from ");
                Call(sql);
                // A function returning a row type yields an all-null row for "no row"; GraphQL wants null.
                sql.Sql(" as ").Sql(f.Name).Sql(" where not (").Sql(f.Name).Sql(" is null))");
                return;
            case FunctionReturn.SetOfRows:
                Connection(sql, context, new RowSource(function.ReturnTable!, Call, null), field, depth);
                return;
            default:
                ScalarSetConnection(sql, context, function, Call, field, depth);
                return;
        }
    }

    /// <summary>
    /// A set-returning function as v4's simple collection (<c>@simpleCollections</c>): its values as a JSON array in the
    /// function's order, after <c>offset</c>, at most <c>first</c> of them.
    /// </summary>
    private void FunctionList(SqlBuilder sql, PlanContext context, FunctionModel function, SqlAlias? row, CollectedField field, int depth)
    {
        CheckDepth(context, field, depth + 1);
        var f = sql.NewAlias("f");
        var x = sql.NewAlias("l");
        sql.Sql("(select coalesce(json_agg(").Sql(x.Name).Sql(".j order by ").Sql(x.Name).Sql(".n), '[]'::json) from (select ");
        if (function.Returns == FunctionReturn.SetOfRows)
        {
            RowObject(sql, context, function.ReturnTable!, f, field, depth);
        }
        else
        {
            ColumnValue(sql, context, function.ReturnType!, s => s.Sql(f.Name), field);
        }

        // With @sortable/@filterable (v4), a list of rows takes the table's orderBy and condition; else the function's order.
        var orderBy = ValueWriter.Argument(field.Field, "orderBy");
        var order = function.Returns == FunctionReturn.SetOfRows && !ValueWriter.IsAbsent(context, orderBy)
            ? ResolveOrder(context, function.ReturnTable!, orderBy, unkeyedSource: true, functionSource: true)
            : null;
        sql.Sql(" as j, row_number() over (");
        if (order is { Terms.Count: > 0 })
        {
            sql.Sql("order by ");
            OrderBy(sql, order, f, false);
        }

        sql.Sql(") as n from ");
        WriteCall(sql, context, function, row, field);
        sql.Sql(" as ").Sql(f.Name);
        if (function.Returns == FunctionReturn.SetOfRows)
        {
            sql.Sql(" where true");
            WriteCondition(sql, context, function.ReturnTable!, f, ValueWriter.Argument(field.Field, "condition"));
        }

        if (order is { Terms.Count: > 0 })
        {
            sql.Sql(" order by ");
            OrderBy(sql, order, f, false);
        }
        foreach (var (name, clause) in new[] { ("first", " limit "), ("offset", " offset ") })
        {
            var value = ValueWriter.Argument(field.Field, name);
            if (!ValueWriter.IsAbsent(context, value))
            {
                sql.Sql(clause);
                ValueWriter.Write(sql, context, value!, ValueWriter.IntType);
            }
        }

        sql.Sql(") as ").Sql(x.Name).Sql(")");
    }

    /// <summary>
    /// <c>"schema"."fn"(row, args...)</c>. Arguments are positional until one is left out; after that, named notation
    /// lets PostgreSQL apply the defaults of the missing ones.
    /// </summary>
    private static void WriteCall(SqlBuilder sql, PlanContext context, FunctionModel function, SqlAlias? row, CollectedField field)
    {
        var pgNames = function.Function.InputArgNames();
        var offset = row is null ? 0 : 1;
        sql.QualifiedName(function.Function.Schema, function.Function.Name).Sql("(");
        var wrote = false;
        if (row is not null)
        {
            sql.WholeRow(row);
            wrote = true;
        }

        var values = function.Arguments.Select(a => ValueWriter.Argument(field.Field, a.FieldName)).ToList();
        var lastPresent = values.FindLastIndex(v => v is not null);
        var named = false;
        for (var i = 0; i <= lastPresent; i++)
        {
            var arg = function.Arguments[i];
            var pgName = i + offset < pgNames.Count ? pgNames[i + offset] : "";
            if (values[i] is null && arg.HasDefault && pgName.Length > 0)
            {
                named = true;
                continue;
            }

            sql.Sql(wrote ? ", " : "");
            wrote = true;
            if (named)
            {
                sql.Identifier(pgName).Sql(" => ");
            }

            if (values[i] is { } value)
            {
                ValueWriter.Write(sql, context, value, arg.Type);
            }
            else
            {
                sql.Sql("null::").Sql(arg.Type.SqlType);
            }
        }

        sql.Sql(")");
    }
}
