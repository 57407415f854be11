using System.Text;
using System.Text.Json;
using GraphQLParser.AST;

namespace Platform.DataPlane.Planning.Planner;

public static partial class ValueWriter
{
    private static string LiteralJson(PlanContext context, GraphQLValue value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteJson(context, writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteJson(PlanContext context, Utf8JsonWriter w, GraphQLValue value)
    {
        switch (value)
        {
            case GraphQLObjectValue o:
                w.WriteStartObject();
                foreach (var f in o.Fields ?? [])
                {
                    w.WritePropertyName(f.Name.StringValue);
                    WriteJson(context, w, f.Value);
                }

                w.WriteEndObject();
                break;
            case GraphQLListValue l:
                w.WriteStartArray();
                foreach (var item in l.Values ?? [])
                {
                    WriteJson(context, w, item);
                }

                w.WriteEndArray();
                break;
            case GraphQLStringValue s:
                w.WriteStringValue((string)s.Value);
                break;
            case GraphQLIntValue or GraphQLFloatValue:
                w.WriteRawValue(value is GraphQLIntValue i ? (string)i.Value : (string)((GraphQLFloatValue)value).Value);
                break;
            case GraphQLBooleanValue b:
                w.WriteBooleanValue(b.BoolValue);
                break;
            case GraphQLVariable v:
                if (context.StructuralVariable(v.Name.StringValue) is { } json)
                {
                    json.WriteTo(w);
                }
                else
                {
                    w.WriteNullValue();
                }

                break;
            case GraphQLEnumValue e:
                w.WriteStringValue(e.Name.StringValue);
                break;
            default:
                w.WriteNullValue();
                break;
        }
    }
}
