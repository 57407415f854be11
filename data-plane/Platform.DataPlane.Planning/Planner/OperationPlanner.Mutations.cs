using GraphQLParser.AST;
using Platform.DataPlane.Planning.Binding;
using Platform.DataPlane.Planning.Errors;
using Platform.DataPlane.Planning.Plans;
using Platform.DataPlane.Planning.Sql;
using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Planning.Planner;

/// <summary>
/// Mutations: each root field is two statements in the request's transaction. The first changes the data and returns
/// the changed rows as array text (<c>with __m as (insert/update/delete ... returning *) select array_agg(__m)::text
/// from __m</c>); the second builds the payload (row, relations, edge, query) from those rows, bound back as a parameter.
/// One statement would be a round trip less, but everything outside a data-modifying CTE sees the database as it was
/// before the statement, so a payload's <c>query</c>, its relations and computed columns would miss the mutation's own
/// change and whatever its triggers or function body wrote. PostGraphile reads the payload after the change as well.
/// </summary>
public sealed partial class OperationPlanner
{
    private readonly Dictionary<string, TableModel> creates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (TableModel Table, LookupModel? Lookup, bool IsDelete)> keyedMutations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FunctionModel> mutationFunctions = new(StringComparer.Ordinal);

    private void IndexMutations()
    {
        foreach (var table in model.Tables)
        {
            if (table.CanCreate)
            {
                creates[table.CreateFieldName] = table;
            }

            foreach (var (isDelete, allowed) in new[] { (false, table.CanUpdate), (true, table.CanDelete) })
            {
                if (!allowed)
                {
                    continue;
                }

                var verb = isDelete ? "delete" : "update";
                if (table.IsNode)
                {
                    keyedMutations[TableModel.MutationFieldName(verb, null, table)] = (table, null, isDelete);
                }

                foreach (var lookup in table.Lookups)
                {
                    keyedMutations[TableModel.MutationFieldName(verb, lookup, table)] = (table, lookup, isDelete);
                }
            }
        }

        foreach (var function in model.MutationFunctions)
        {
            mutationFunctions[function.FieldName] = function;
        }
    }

    private OperationPlan PlanMutation(PlanContext context, GraphQLOperationDefinition operation, string? operationName)
    {
        var roots = new List<RootFieldPlan>();
        foreach (var field in FieldCollector.Collect(context, [operation.SelectionSet], t => t == "Mutation"))
        {
            var sql = new SqlBuilder();
            SqlBuilder? payload = null;
            string? missingRow = null;
            if (field.Name == "__typename")
            {
                sql.Sql("select to_json(").NameLiteral("Mutation").Sql("::text)");
            }
            else
            {
                var input = InputObject.From(context, ValueWriter.Argument(field.Field, "input"))
                    ?? throw context.Error(ErrorCodes.BadUserInput, $"Field \"{field.Name}\" needs an input object.", field.Field);
                payload = new SqlBuilder();
                if (creates.TryGetValue(field.Name, out var table))
                {
                    Create(sql, payload, context, table, input, field);
                }
                else if (keyedMutations.TryGetValue(field.Name, out var keyed))
                {
                    KeyedMutation(sql, payload, context, keyed.Table, keyed.Lookup, keyed.IsDelete, input, field);
                    missingRow = $"No values were {(keyed.IsDelete ? "deleted" : "updated")} in collection '{keyed.Table.NodeIdPrefix}' because no values you asked to {(keyed.IsDelete ? "delete" : "update")} exist (or you may not change them).";
                }
                else if (mutationFunctions.TryGetValue(field.Name, out var function))
                {
                    FunctionMutation(sql, payload, context, function, input, field);
                }
                else
                {
                    throw UnknownField(context, field, "Mutation");
                }
            }

            roots.Add(new RootFieldPlan(field.ResponseKey, sql.Build(), false, missingRow, payload?.Build(), context.TakeJwtTokenPaths()));
        }

        return new OperationPlan("mutation", operationName, roots, context.StructuralVariables, context.NodeIdVariables);
    }

    private void Create(SqlBuilder sql, SqlBuilder payload, PlanContext context, TableModel table, InputObject input, CollectedField field)
    {
        var row = input.Object(context, table.RowFieldName)
            ?? throw context.Error(ErrorCodes.BadUserInput, $"Field \"{table.RowFieldName}\" of the input is required.", field.Field);
        var columns = table.InsertColumns.Where(c => row.Has(context, c.FieldName)).ToList();
        sql.Sql("with __m as (insert into ").QualifiedName(table.Schema, table.Name);
        if (columns.Count == 0)
        {
            sql.Sql(" default values");
        }
        else
        {
            sql.Sql(" (");
            for (var i = 0; i < columns.Count; i++)
            {
                sql.Sql(i > 0 ? ", " : "").Identifier(columns[i].Name);
            }

            sql.Sql(") values (");
            for (var i = 0; i < columns.Count; i++)
            {
                sql.Sql(i > 0 ? ", " : "");
                row.Write(sql, context, columns[i].FieldName, columns[i].Type);
            }

            sql.Sql(")");
        }

        sql.Sql(" returning *) ");
        ChangedRows(sql, payload, table);
        TablePayload(payload, context, table, input, field, table.CreatePayloadTypeName);
    }

    private void KeyedMutation(SqlBuilder sql, SqlBuilder payload, PlanContext context, TableModel table, LookupModel? lookup, bool isDelete, InputObject input, CollectedField field)
    {
        var target = sql.NewAlias(table.Name);
        sql.Sql("with __m as (");
        if (isDelete)
        {
            sql.Sql("delete from ").QualifiedName(table.Schema, table.Name).Sql(" as ").Sql(target.Name);
        }
        else
        {
            var patch = input.Object(context, table.PatchFieldName)
                ?? throw context.Error(ErrorCodes.BadUserInput, $"Field \"{table.PatchFieldName}\" of the input is required.", field.Field);
            var columns = table.UpdateColumns.Where(c => patch.Has(context, c.FieldName)).ToList();
            if (columns.Count == 0)
            {
                // Nothing to set: the row is still locked and returned, as an update that changed nothing would.
                sql.Sql("select ").Sql(target.Name).Sql(".* from ").QualifiedName(table.Schema, table.Name).Sql(" as ").Sql(target.Name);
                KeyCondition(sql, context, table, lookup, input, target, field);
                sql.Sql(" for update) ");
                ChangedRows(sql, payload, table);
                TablePayload(payload, context, table, input, field, table.UpdatePayloadTypeName);
                return;
            }

            sql.Sql("update ").QualifiedName(table.Schema, table.Name).Sql(" as ").Sql(target.Name).Sql(" set ");
            for (var i = 0; i < columns.Count; i++)
            {
                sql.Sql(i > 0 ? ", " : "").Identifier(columns[i].Name).Sql(" = ");
                patch.Write(sql, context, columns[i].FieldName, columns[i].Type);
            }
        }

        KeyCondition(sql, context, table, lookup, input, target, field);
        sql.Sql(" returning ").Sql(target.Name).Sql(".*) ");
        ChangedRows(sql, payload, table);
        TablePayload(payload, context, table, input, field, isDelete ? table.DeletePayloadTypeName : table.UpdatePayloadTypeName);
    }

    /// <summary>
    /// Ends the changing statement with its rows as the text of a row-type array (null when none changed) and starts
    /// the payload statement with the same rows as <c>__m</c>. The row type's text form round-trips every column type.
    /// </summary>
    private static void ChangedRows(SqlBuilder sql, SqlBuilder payload, TableModel table)
    {
        sql.Sql("select array_agg(__m)::text from __m");
        payload.Sql("with __m as (select * from unnest(")
            .Parameter(ChangedRowsParameter.Instance, RowArrayType(table.Schema, table.Name)).Sql(")) ");
    }

    private static SqlTypeName RowArrayType(string schema, string name) =>
        new(new SqlBuilder().QualifiedName(schema, name).Sql("[]").ToString());

    /// <summary>The row to change: by the lookup's columns, or by the primary key inside a nodeId.</summary>
    private void KeyCondition(SqlBuilder sql, PlanContext context, TableModel table, LookupModel? lookup, InputObject input, SqlAlias target, CollectedField field)
    {
        sql.Sql(" where ");
        if (lookup is not null)
        {
            for (var i = 0; i < lookup.Columns.Count; i++)
            {
                var column = lookup.Columns[i];
                sql.Sql(i > 0 ? " and " : "").Column(target, column.Name).Sql(" = ");
                input.Write(sql, context, column.FieldName, column.Type);
            }

            return;
        }

        var (text, source) = input.NodeId(context, "nodeId", NodeTableOf(table));
        var node = NodeIdKeys(text ?? throw context.Error(ErrorCodes.BadUserInput, "nodeId must be a string.", field.Field), source);
        if (node is not { } id || id.Prefix != table.NodeIdPrefix || id.Keys.Count != table.PrimaryKey!.Count)
        {
            throw context.Error(ErrorCodes.BadUserInput, $"The nodeId does not identify a `{table.TypeName}`.", field.Field);
        }

        for (var i = 0; i < id.Keys.Count; i++)
        {
            var column = table.PrimaryKey[i];
            sql.Sql(i > 0 ? " and " : "").Column(target, column.Name).Sql(" = ").Parameter(id.Keys[i], new SqlTypeName(column.Type.SqlType));
        }
    }
}
