using Platform.DataPlane.Planning.Plans;
using Platform.DataPlane.Planning.Sql;
using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Planning.Planner;

public sealed partial class OperationPlanner
{
    /// <summary>
    /// The call, <c>with __m as (select fn(...)) select array_agg(...)::text from __m</c>, then the payload from the
    /// returned values (see <see cref="ChangedRows"/>): rows travel as their row type's text, scalars as their own
    /// text, so every type round-trips. The payload still reads <c>from (select count(*) from __m)</c> to yield one row.
    /// </summary>
    private void FunctionMutation(SqlBuilder sql, SqlBuilder payload, PlanContext context, FunctionModel function, InputObject input, CollectedField field)
    {
        var record = function.ReturnType?.Composite is { IsFunctionRecord: true } r ? r : null;
        sql.Sql("with __m as (select ");
        if (record is not null)
        {
            sql.Sql("__v.* from ");
            WriteMutationCall(sql, context, function, input);
            sql.Sql(" as __v)");
        }
        else if (function.Returns == FunctionReturn.Scalar)
        {
            WriteMutationCall(sql, context, function, input);
            sql.Sql(" as __v)");
        }
        else
        {
            sql.Sql(function.Returns == FunctionReturn.SetOfScalars ? "__v" : "__v.*").Sql(" from ");
            WriteMutationCall(sql, context, function, input);
            sql.Sql(" as __v)");
        }

        if (function.ReturnTable is { } returned && function.Returns is FunctionReturn.Row or FunctionReturn.SetOfRows)
        {
            ChangedRows(sql.Sql(" "), payload, returned);
        }
        else if (record is not null)
        {
            ChangedRecords(sql, payload, record);
        }
        else
        {
            sql.Sql(" select array_agg(__m.__v::text)::text from __m");
            payload.Sql("with __m as (select __x::").Sql(function.ReturnType!.SqlType).Sql(" as __v from unnest(")
                .Parameter(ChangedRowsParameter.Instance, new SqlTypeName("text[]")).Sql(") as __x) ");
        }

        var fields = FieldCollector.Collect(context, field.SelectionSets, t => t == function.MutationPayloadTypeName);
        payload.Sql("select ");
        JsonObject(payload, context, fields, f =>
        {
            CheckDepth(context, f, 2);
            if (f.Name == "__typename")
            {
                payload.NameLiteral(function.MutationPayloadTypeName).Sql("::text");
            }
            else if (f.Name == "clientMutationId")
            {
                input.Write(payload, context, "clientMutationId", TextType);
            }
            else if (f.Name == "query")
            {
                QueryField(payload, context, f, 2);
            }
            else if (f.Name == function.MutationResultFieldName)
            {
                FunctionResult(payload, context, function, f);
            }
            else if (function.Returns == FunctionReturn.Row && IsRowPayloadField(function.ReturnTable!, f.Name))
            {
                RowPayloadField(payload, context, function.ReturnTable!, f);
            }
            else
            {
                throw UnknownField(context, f, function.MutationPayloadTypeName);
            }
        });
        payload.Sql(" from (select count(*) from __m) as __run");
    }

    /// <summary>
    /// A record has no type PostgreSQL could parse its text back into, so each output travels as its own text in a
    /// JSON array (<c>["3","1.50"]</c>), and the payload rebuilds the record as a subquery row with the output
    /// arguments' names and types.
    /// </summary>
    private static void ChangedRecords(SqlBuilder sql, SqlBuilder payload, CompositeModel record)
    {
        sql.Sql(" select array_agg(json_build_array(");
        for (var i = 0; i < record.Attributes.Count; i++)
        {
            sql.Sql(i > 0 ? ", " : "").Sql("__m.").Identifier(record.Attributes[i].Name).Sql("::text");
        }

        sql.Sql(")::text)::text from __m");
        payload.Sql("with __m as (select __r as __v from (select ");
        for (var i = 0; i < record.Attributes.Count; i++)
        {
            var attribute = record.Attributes[i];
            payload.Sql(i > 0 ? ", " : "").Sql("(__x::json ->> ").Sql(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Sql(")::").Sql(attribute.Type.SqlType)
                .Sql(" as ").Identifier(attribute.Name);
        }

        payload.Sql(" from unnest(").Parameter(ChangedRowsParameter.Instance, new SqlTypeName("text[]")).Sql(") as __x) as __r) ");
    }

    private static bool IsRowPayloadField(TableModel table, string name) =>
        name == table.EdgeFieldName || table.ForwardRelations.Any(r => r.FieldName == name);

    /// <summary>The returned row's edge or one of its forward relations, read from the changed row (null when the function returned no row).</summary>
    private void RowPayloadField(SqlBuilder sql, PlanContext context, TableModel table, CollectedField field)
    {
        var relation = table.ForwardRelations.FirstOrDefault(r => r.FieldName == field.Name);
        var row = sql.NewAlias("r");
        sql.Sql("(select ");
        if (relation is null)
        {
            PayloadEdge(sql, context, table, row, field);
        }
        else
        {
            SingleRelated(sql, context, relation.Target, relation.TargetColumns, relation.LocalColumns, row, field, 2);
        }

        sql.Sql(" from __m as ").Sql(row.Name).Sql(" where not (").Sql(row.Name).Sql(" is null))");
    }

    private void FunctionResult(SqlBuilder sql, PlanContext context, FunctionModel function, CollectedField field)
    {
        var row = sql.NewAlias("r");
        switch (function.Returns)
        {
            case FunctionReturn.Scalar when function.ReturnType!.Composite is { IsFunctionRecord: true } record:
                // As v4 reads a function's record: null when every output is null.
                sql.Sql("(select ");
                CompositeFields(sql, context, record, s => s.Sql(row.Name).Sql(".__v"), field);
                sql.Sql(" from __m as ").Sql(row.Name).Sql(" where not (").Sql(row.Name).Sql(".__v is null))");
                return;
            case FunctionReturn.Scalar:
                sql.Sql("(select ");
                ColumnValue(sql, context, function.ReturnType!, s => s.Sql(row.Name).Sql(".__v"), field);
                sql.Sql(" from __m as ").Sql(row.Name).Sql(")");
                return;
            case FunctionReturn.Row:
                // A function returning a row type yields an all-null row for "no row"; GraphQL wants null.
                sql.Sql("(select ");
                RowObject(sql, context, function.ReturnTable!, row, field, 2);
                sql.Sql(" from __m as ").Sql(row.Name).Sql(" where not (").Sql(row.Name).Sql(" is null))");
                return;
            case FunctionReturn.SetOfRows:
                sql.Sql("(select coalesce(json_agg(");
                RowObject(sql, context, function.ReturnTable!, row, field, 2);
                sql.Sql("), '[]'::json) from __m as ").Sql(row.Name).Sql(")");
                return;
            default:
                sql.Sql("(select coalesce(json_agg(");
                ColumnValue(sql, context, function.ReturnType!, s => s.Sql(row.Name).Sql(".__v"), field);
                sql.Sql("), '[]'::json) from __m as ").Sql(row.Name).Sql(")");
                return;
        }
    }

    /// <summary>
    /// <c>"schema"."fn"(args...)</c> from the input object: positional until an argument with a default is left out,
    /// named after that so PostgreSQL fills the defaults. A given null stays null (STRICT functions then return null).
    /// </summary>
    private static void WriteMutationCall(SqlBuilder sql, PlanContext context, FunctionModel function, InputObject input)
    {
        var pgNames = function.Function.InputArgNames();
        sql.QualifiedName(function.Function.Schema, function.Function.Name).Sql("(");
        var present = function.Arguments.Select(a => input.Has(context, a.FieldName)).ToList();
        var lastPresent = present.FindLastIndex(p => p);
        var named = false;
        var wrote = false;
        for (var i = 0; i < function.Arguments.Count; i++)
        {
            var arg = function.Arguments[i];
            var pgName = i < pgNames.Count ? pgNames[i] : "";
            if (!present[i] && arg.HasDefault && (pgName.Length > 0 || i > lastPresent))
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

            input.Write(sql, context, arg.FieldName, arg.Type);
        }

        sql.Sql(")");
    }
}
