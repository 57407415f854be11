using System.Text.Json;
using Platform.DataPlane.Planning.Errors;
using Platform.DataPlane.Planning.Plans;

namespace Platform.DataPlane.Planning.Binding;

/// <summary>Turns a statement's parameter sources into PostgreSQL text values for one request's variables.</summary>
public static class ParameterBinder
{
    /// <param name="changedRows">What a mutation's first statement returned, for its payload statement.</param>
    public static string?[] Bind(SqlStatement statement, JsonElement? variables, string? changedRows = null)
    {
        var values = new string?[statement.Parameters.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Resolve(statement.Parameters[i], variables, changedRows);
        }

        return values;
    }

    private static string? Resolve(ParameterSource source, JsonElement? variables, string? changedRows) => source switch
    {
        ConstantParameter c => c.Text,
        VariableParameter v => VariableValue(v, variables) is { } e ? PgText.From(e, v.Format) : null,
        CursorParameter c => CursorCodec.Component(Resolve(c.Cursor, variables, changedRows), c.OrderKey, c.Index),
        NodeIdKeyParameter n => NodeIdKey(n, variables),
        ChangedRowsParameter => changedRows,
        _ => throw new InvalidOperationException("unknown parameter source " + source.GetType().Name),
    };

    /// <summary>
    /// The plan cache only reuses this plan for ids naming its table with its number of keys (<see cref="NodeIdVariable"/>),
    /// so the id decodes here as it did when planning.
    /// </summary>
    private static string? NodeIdKey(NodeIdKeyParameter n, JsonElement? variables) =>
        VariableValue(n.NodeId, variables) is { ValueKind: JsonValueKind.String } text
        && NodeIdCodec.Decode(text.GetString()!) is { } id
        && n.Index < id.Keys.Count
            ? PgText.Scalar(id.Keys[n.Index])
            : null;

    public static JsonElement? VariableValue(VariableParameter v, JsonElement? variables)
    {
        if (variables is not { ValueKind: JsonValueKind.Object } vars || !vars.TryGetProperty(v.Name, out var value))
        {
            return null;
        }

        foreach (var step in v.Path)
        {
            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty(step, out var next))
            {
                value = next;
            }
            else if (value.ValueKind == JsonValueKind.Array && int.TryParse(step, out var index) && index < value.GetArrayLength())
            {
                value = value[index];
            }
            else
            {
                return null;
            }
        }

        return value.ValueKind == JsonValueKind.Null ? null : value;
    }

    internal static GraphQLRequestException BadInput(string message) => new(ErrorCodes.BadUserInput, message);
}
