using System.Text;
using System.Text.Json;
using Platform.DataPlane.Planning.Errors;

namespace Platform.DataPlane.Planning.Binding;

/// <summary>
/// Reads PostGraphile v4's cursors, which the planner writes in SQL: base64 of
/// <c>["score_desc","title_asc",[10,"Engines",1]]</c> (the orderBy values in lower case, then the row's order values)
/// for keyed orderings, and <c>["natural",3]</c> (a position) otherwise. Decoding checks the orderBy values so a
/// cursor from one ordering cannot be replayed against another.
/// </summary>
public static class CursorCodec
{
    /// <summary>The <paramref name="index"/>th order value (or the position, for <c>natural</c>) as PostgreSQL text.</summary>
    public static string? Component(string? cursor, string orderKey, int index)
    {
        if (cursor is null)
        {
            return null;
        }

        using var doc = Parse(cursor);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() < 2)
        {
            throw Invalid();
        }

        var items = root.EnumerateArray().ToArray();
        if (orderKey == "natural")
        {
            if (items.Length != 2 || items[0].ValueKind != JsonValueKind.String || items[0].GetString() != "natural")
            {
                throw items[0].ValueKind == JsonValueKind.String ? OtherOrdering() : Invalid();
            }

            return items[1].ValueKind == JsonValueKind.Number && items[1].TryGetInt64(out var position) && position >= 0 && index == 0 ? PgText.Scalar(items[1]) : throw Invalid();
        }

        var prefixes = items[..^1];
        var values = items[^1];
        if (prefixes.Any(p => p.ValueKind != JsonValueKind.String) || values.ValueKind != JsonValueKind.Array)
        {
            throw prefixes.Length == 1 && prefixes[0].GetString() == "natural" ? OtherOrdering() : Invalid();
        }

        if (string.Join(",", prefixes.Select(p => p.GetString())) != orderKey)
        {
            throw OtherOrdering();
        }

        if (index >= values.GetArrayLength())
        {
            throw Invalid();
        }

        var v = values[index];
        return v.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? v.GetRawText() : PgText.Scalar(v);
    }

    private static JsonDocument Parse(string cursor)
    {
        try
        {
            return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor)));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw Invalid();
        }
    }

    private static GraphQLRequestException Invalid() => new(ErrorCodes.InvalidCursor, "Invalid cursor.");

    private static GraphQLRequestException OtherOrdering() => new(ErrorCodes.InvalidCursor, "The cursor was issued for a different ordering.");
}
