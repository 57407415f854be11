using System.Text.Json;
using GraphQLParser.AST;

namespace Platform.DataPlane.Planning.Documents;

/// <summary>
/// Applies the operation's variable defaults (<c>$n: Int = 10</c>) to the request's variables, as the spec's
/// CoerceVariableValues does, so planning and binding see one set of values.
/// </summary>
public static class VariableDefaults
{
    public static JsonElement? Apply(GraphQLOperationDefinition operation, JsonElement? variables)
    {
        var definitions = operation.Variables;
        if (definitions is null || !definitions.Any(d => d.DefaultValue is not null))
        {
            return variables;
        }

        var given = variables is { ValueKind: JsonValueKind.Object } v ? v : default;
        var missing = definitions.Where(d => d.DefaultValue is not null
            && (given.ValueKind != JsonValueKind.Object || !given.TryGetProperty(d.Variable.Name.StringValue, out _))).ToList();
        if (missing.Count == 0)
        {
            return variables;
        }

        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            if (given.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in given.EnumerateObject())
                {
                    p.WriteTo(w);
                }
            }

            foreach (var d in missing)
            {
                w.WritePropertyName(d.Variable.Name.StringValue);
                WriteLiteral(w, d.DefaultValue!);
            }

            w.WriteEndObject();
        }

        using var doc = JsonDocument.Parse(stream.ToArray());
        return doc.RootElement.Clone();
    }

    private static void WriteLiteral(Utf8JsonWriter w, GraphQLValue value)
    {
        switch (value)
        {
            case GraphQLNullValue:
                w.WriteNullValue();
                break;
            case GraphQLBooleanValue b:
                w.WriteBooleanValue(b.BoolValue);
                break;
            case GraphQLIntValue i:
                w.WriteRawValue((string)i.Value);
                break;
            case GraphQLFloatValue f:
                w.WriteRawValue((string)f.Value);
                break;
            case GraphQLStringValue s:
                w.WriteStringValue((string)s.Value);
                break;
            case GraphQLEnumValue e:
                w.WriteStringValue(e.Name.StringValue);
                break;
            case GraphQLListValue l:
                w.WriteStartArray();
                foreach (var item in l.Values ?? [])
                {
                    WriteLiteral(w, item);
                }

                w.WriteEndArray();
                break;
            case GraphQLObjectValue o:
                w.WriteStartObject();
                foreach (var f in o.Fields ?? [])
                {
                    w.WritePropertyName(f.Name.StringValue);
                    WriteLiteral(w, f.Value);
                }

                w.WriteEndObject();
                break;
            default:
                w.WriteNullValue();
                break;
        }
    }
}
