using GraphQLParser.AST;
using Platform.DataPlane.Planning.Binding;
using Platform.DataPlane.Planning.Errors;
using Platform.DataPlane.Planning.Plans;
using Platform.DataPlane.Planning.Sql;
using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Planning.Planner;

public sealed partial class OperationPlanner
{
    /// <summary>PostGraphile v4 node identifiers: base64 of <c>["events",1]</c> (collection name, then primary key values).</summary>
    private static void NodeIdExpression(SqlBuilder sql, TableModel table, SqlAlias row) =>
        CompactJson.Base64(sql, () => CompactJson.Array(sql, table.PrimaryKey!.Count + 1, i =>
        {
            if (i == 0)
            {
                sql.NameLiteral(table.NodeIdPrefix).Sql("::text");
            }
            else
            {
                sql.Column(row, table.PrimaryKey[i - 1].Name);
            }
        }));

    private void NodeField(SqlBuilder sql, PlanContext context, CollectedField field, int depth)
    {
        var id = NodeIdArgument(context, field, nodeTables);
        var table = id is null ? null : model.TableByNodePrefix(id.Value.Prefix);
        if (table is null)
        {
            sql.Sql("null::json");
            return;
        }

        NodeRow(sql, context, table, id!.Value.Keys, field, depth);
    }

    private void NodeLookup(SqlBuilder sql, PlanContext context, TableModel table, CollectedField field, int depth)
    {
        var id = NodeIdArgument(context, field, NodeTableOf(table));
        if (id is null || id.Value.Prefix != table.NodeIdPrefix)
        {
            sql.Sql("null::json");
            return;
        }

        NodeRow(sql, context, table, id.Value.Keys, field, depth);
    }

    private void NodeRow(SqlBuilder sql, PlanContext context, TableModel table, IReadOnlyList<ParameterSource> keys, CollectedField field, int depth)
    {
        if (keys.Count != table.PrimaryKey!.Count)
        {
            sql.Sql("null::json");
            return;
        }

        var row = sql.NewAlias(table.Name);
        sql.Sql("(select ");
        RowObject(sql, context, table, row, field, depth);
        sql.Sql(" from ").QualifiedName(table.Schema, table.Name).Sql(" as ").Sql(row.Name).Sql(" where ");
        for (var i = 0; i < keys.Count; i++)
        {
            var column = table.PrimaryKey[i];
            sql.Sql(i > 0 ? " and " : "").Column(row, column.Name).Sql(" = ").Parameter(keys[i], new SqlTypeName(column.Type.SqlType));
        }

        sql.Sql(")");
    }

    /// <summary>
    /// Reads the nodeId argument now: which table it names decides the SQL. A literal's keys are constants; a variable's
    /// are bound per request, and only the table it names (one of <paramref name="tables"/>, or none) keys the plan.
    /// </summary>
    private static (string Prefix, IReadOnlyList<ParameterSource> Keys)? NodeIdArgument(PlanContext context, CollectedField field, IReadOnlyDictionary<string, int> tables)
    {
        var value = ValueWriter.Argument(field.Field, "nodeId");
        var (text, source) = value switch
        {
            GraphQLStringValue s => ((string)s.Value, null),
            GraphQLVariable v => NodeIdVariableText(context, new VariableParameter(v.Name.StringValue, ValueFormat.Scalar), tables),
            _ => (null, (VariableParameter?)null),
        };
        return NodeIdKeys(text ?? throw context.Error(ErrorCodes.BadUserInput, "nodeId must be a string.", field.Field), source);
    }

    private static (string? Text, VariableParameter? Source) NodeIdVariableText(PlanContext context, VariableParameter source, IReadOnlyDictionary<string, int> tables) =>
        (context.NodeIdVariable(source, tables), source);

    /// <summary>The id's table and its key values: constants for a literal, parameters read from <paramref name="source"/> for a variable.</summary>
    internal static (string Prefix, IReadOnlyList<ParameterSource> Keys)? NodeIdKeys(string text, VariableParameter? source)
    {
        if (NodeIdCodec.Decode(text) is not { } id)
        {
            return null;
        }

        var keys = new ParameterSource[id.Keys.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = source is null ? new ConstantParameter(PgText.Scalar(id.Keys[i])) : new NodeIdKeyParameter(source, i);
        }

        return (id.Prefix, keys);
    }

    /// <summary>
    /// The one table a typed node lookup or a mutation by nodeId accepts, with its number of keys: one map per table
    /// for the planner's life, so the plan cache's records of node id variables compare equal across plans.
    /// </summary>
    private IReadOnlyDictionary<string, int> NodeTableOf(TableModel table) => singleNodeTables[table];
}
