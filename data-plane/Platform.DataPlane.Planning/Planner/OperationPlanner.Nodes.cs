using System.Text.Json;
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
        var decoded = DecodeNodeId(context, field);
        var table = decoded is null ? null : model.TableByNodePrefix(decoded.Value.Prefix);
        if (table is null)
        {
            sql.Sql("null::json");
            return;
        }

        NodeRow(sql, context, table, decoded!.Value.Keys, field, depth);
    }

    private void NodeLookup(SqlBuilder sql, PlanContext context, TableModel table, CollectedField field, int depth)
    {
        var decoded = DecodeNodeId(context, field);
        if (decoded is null || decoded.Value.Prefix != table.NodeIdPrefix)
        {
            sql.Sql("null::json");
            return;
        }

        NodeRow(sql, context, table, decoded.Value.Keys, field, depth);
    }

    private void NodeRow(SqlBuilder sql, PlanContext context, TableModel table, IReadOnlyList<JsonElement> keys, CollectedField field, int depth)
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
            sql.Sql(i > 0 ? " and " : "").Column(row, column.Name).Sql(" = ")
                .Parameter(new ConstantParameter(Binding.PgText.Scalar(keys[i])), new SqlTypeName(column.Type.SqlType));
        }

        sql.Sql(")");
    }

    /// <summary>Reads the nodeId argument now: which table it names decides the SQL, so a variable here is structural.</summary>
    private static (string Prefix, IReadOnlyList<JsonElement> Keys)? DecodeNodeId(PlanContext context, CollectedField field)
    {
        var value = ValueWriter.Argument(field.Field, "nodeId");
        var text = value switch
        {
            GraphQLStringValue s => (string)s.Value,
            GraphQLVariable v => context.StructuralVariable(v.Name.StringValue) is { ValueKind: JsonValueKind.String } j ? j.GetString() : null,
            _ => null,
        } ?? throw context.Error(ErrorCodes.BadUserInput, "nodeId must be a string.", field.Field);
        return NodeIdCodec.Decode(text);
    }
}
