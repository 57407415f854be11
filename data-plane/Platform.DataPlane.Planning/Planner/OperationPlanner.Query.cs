using Platform.DataPlane.Planning.Errors;
using Platform.DataPlane.Planning.Sql;

namespace Platform.DataPlane.Planning.Planner;

public sealed partial class OperationPlanner
{
    /// <summary>Writes the json expression of one field of the Query type.</summary>
    private void QueryField(SqlBuilder sql, PlanContext context, CollectedField field, int depth)
    {
        CheckDepth(context, field, depth);
        var name = field.Name;
        switch (name)
        {
            case "__typename":
                sql.Sql("to_json(").NameLiteral("Query").Sql("::text)");
                return;
            case "nodeId":
                sql.Sql("to_json(").NameLiteral("query").Sql("::text)");
                return;
            case "query":
                var nested = FieldCollector.Collect(context, field.SelectionSets, t => t == "Query");
                JsonObject(sql, context, nested, f => QueryField(sql, context, f, depth + 1));
                return;
            case "node":
                NodeField(sql, context, field, depth);
                return;
            case "__schema" or "__type":
                throw context.Error(ErrorCodes.Unsupported, "Introspection fields can only be selected at the root.", field.Field);
        }

        if (connections.TryGetValue(name, out var table))
        {
            Connection(sql, context, new RowSource(table, null, null), field, depth);
        }
        else if (rowLists.TryGetValue(name, out var listedTable))
        {
            RowList(sql, context, new RowSource(listedTable, null, null), field, depth);
        }
        else if (lookups.TryGetValue(name, out var lookup))
        {
            var row = sql.NewAlias(lookup.Table.Name);
            sql.Sql("(select ");
            RowObject(sql, context, lookup.Table, row, field, depth);
            sql.Sql(" from ").QualifiedName(lookup.Table.Schema, lookup.Table.Name).Sql(" as ").Sql(row.Name).Sql(" where ");
            for (var i = 0; i < lookup.Lookup.Columns.Count; i++)
            {
                var column = lookup.Lookup.Columns[i];
                var value = ValueWriter.Argument(field.Field, column.FieldName)
                    ?? throw context.Error(ErrorCodes.ValidationFailed, $"Argument \"{column.FieldName}\" is required.", field.Field);
                sql.Sql(i > 0 ? " and " : "").Column(row, column.Name).Sql(" = ");
                ValueWriter.Write(sql, context, value, column.Type);
            }

            sql.Sql(")");
        }
        else if (nodeLookups.TryGetValue(name, out var nodeTable))
        {
            NodeLookup(sql, context, nodeTable, field, depth);
        }
        else if (functions.TryGetValue(name, out var function))
        {
            FunctionField(sql, context, function, null, field, depth);
        }
        else if (functionLists.TryGetValue(name, out var listed))
        {
            FunctionList(sql, context, listed, null, field, depth);
        }
        else
        {
            throw UnknownField(context, field, "Query");
        }
    }

    /// <summary>
    /// Writes a json object from collected fields. json_build_object takes at most 100 arguments, so wider
    /// selections go through row_to_json over a one-row subquery whose column aliases are the response keys.
    /// </summary>
    private static void JsonObject(SqlBuilder sql, PlanContext context, List<CollectedField> fields, Action<CollectedField> writeValue)
    {
        // The response path is tracked so values the executor must rewrite (JWTs) are found by key, not by marker.
        void Write(CollectedField field)
        {
            context.EnterKey(field.ResponseKey);
            writeValue(field);
            context.ExitKey();
        }

        if (fields.Count <= 50)
        {
            sql.Sql("json_build_object(");
            for (var i = 0; i < fields.Count; i++)
            {
                sql.Sql(i > 0 ? ", " : "").NameLiteral(fields[i].ResponseKey).Sql(", ");
                Write(fields[i]);
            }

            sql.Sql(")");
            return;
        }

        var alias = sql.NewAlias("o");
        sql.Sql("(select row_to_json(").Sql(alias.Name).Sql(") from (select ");
        for (var i = 0; i < fields.Count; i++)
        {
            if (System.Text.Encoding.UTF8.GetByteCount(fields[i].ResponseKey) > 63)
            {
                throw new GraphQLRequestException(ErrorCodes.Unsupported, $"Response key \"{fields[i].ResponseKey}\" is too long for a selection of more than 50 fields.");
            }

            sql.Sql(i > 0 ? ", " : "");
            Write(fields[i]);
            sql.Sql(" as ").Identifier(fields[i].ResponseKey);
        }

        sql.Sql(") as ").Sql(alias.Name).Sql(")");
    }
}
