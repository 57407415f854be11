using System.Text;
using System.Text.Json;

namespace Platform.DataPlane.SqlHttp.Requests;

/// <summary>
/// Writes a JSON array as a PostgreSQL array literal (<c>{1,"a b",NULL,{2,3}}</c>), as node-postgres does,
/// so <c>where id = any($1)</c> and <c>insert ... values ($1)</c> into an array column take a JSON array.
/// Objects inside become quoted JSON text; nested arrays become nested dimensions.
/// </summary>
internal static class ArrayLiteral
{
    public static string From(JsonElement array)
    {
        var text = new StringBuilder();
        Append(text, array);
        return text.ToString();
    }

    private static void Append(StringBuilder text, JsonElement array)
    {
        text.Append('{');
        var first = true;
        foreach (var item in array.EnumerateArray())
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            switch (item.ValueKind)
            {
                case JsonValueKind.Array:
                    Append(text, item);
                    break;
                case JsonValueKind.Null:
                    text.Append("NULL");
                    break;
                case JsonValueKind.Number:
                    text.Append(item.GetRawText());
                    break;
                case JsonValueKind.True:
                    text.Append("true");
                    break;
                case JsonValueKind.False:
                    text.Append("false");
                    break;
                case JsonValueKind.String:
                    AppendQuoted(text, item.GetString()!);
                    break;
                default:
                    AppendQuoted(text, item.GetRawText());
                    break;
            }
        }

        text.Append('}');
    }

    private static void AppendQuoted(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        text.Append('"');
    }
}
