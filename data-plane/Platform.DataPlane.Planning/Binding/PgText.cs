using System.Text;
using System.Text.Json;
using Platform.DataPlane.Planning.Plans;

namespace Platform.DataPlane.Planning.Binding;

/// <summary>PostgreSQL text input forms of JSON values; these travel as parameters and are never spliced into SQL.</summary>
internal static class PgText
{
    public static string? From(JsonElement value, ValueFormat format) => format switch
    {
        // JSON arrives either as a string holding JSON (PostGraphile's default JSON scalar) or as the value itself.
        ValueFormat.Json => value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText(),
        ValueFormat.Array => value.ValueKind == JsonValueKind.Array ? ArrayLiteral(value) : Scalar(value),
        _ => Scalar(value),
    };

    public static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        _ => value.GetRawText(),
    };

    private static string ArrayLiteral(JsonElement array)
    {
        var sb = new StringBuilder("{");
        var first = true;
        foreach (var item in array.EnumerateArray())
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            if (item.ValueKind == JsonValueKind.Array)
            {
                sb.Append(ArrayLiteral(item));
                continue;
            }

            var text = Scalar(item);
            if (text is null)
            {
                sb.Append("NULL");
                continue;
            }

            // Every element is double-quoted with backslash escapes, the one form array_in reads unambiguously.
            sb.Append('"').Append(text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }

        return sb.Append('}').ToString();
    }
}
