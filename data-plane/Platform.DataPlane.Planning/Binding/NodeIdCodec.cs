using System.Text;
using System.Text.Json;

namespace Platform.DataPlane.Planning.Binding;

/// <summary>
/// Reads PostGraphile v4's node identifiers, which the planner writes in SQL: base64 of <c>["group_organizers",1,2]</c>
/// (the table's name made plural, then the primary key values). Anything else identifies nothing.
/// </summary>
public static class NodeIdCodec
{
    public static (string Prefix, IReadOnlyList<JsonElement> Keys)? Decode(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(text)));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() < 2 || root[0].ValueKind != JsonValueKind.String)
            {
                return null;
            }

            return (root[0].GetString()!, root.EnumerateArray().Skip(1).Select(e => e.Clone()).ToList());
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
