using System.Text;
using System.Text.Json;
using Platform.DataPlane.Planning.Errors;

namespace Platform.DataPlane.Planning.Binding;

/// <summary>
/// Cursors are base64 of the JSON array <c>[orderKey, [values...]]</c>, produced in SQL by the planner.
/// Decoding checks the order key so a cursor from one ordering cannot be replayed against another.
/// </summary>
public static class CursorCodec
{
    public static string? Component(string? cursor, string orderKey, int index)
    {
        if (cursor is null)
        {
            return null;
        }

        JsonElement values;
        try
        {
            var json = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 2 || root[0].ValueKind != JsonValueKind.String)
            {
                throw Invalid();
            }

            if (root[0].GetString() != orderKey)
            {
                throw new GraphQLRequestException(ErrorCodes.InvalidCursor, "The cursor was issued for a different ordering.");
            }

            values = root[1].Clone();
        }
        catch (FormatException)
        {
            throw Invalid();
        }
        catch (JsonException)
        {
            throw Invalid();
        }

        if (values.ValueKind != JsonValueKind.Array || index >= values.GetArrayLength())
        {
            throw Invalid();
        }

        var v = values[index];
        return v.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? v.GetRawText() : PgText.Scalar(v);
    }

    private static GraphQLRequestException Invalid() => new(ErrorCodes.InvalidCursor, "Invalid cursor.");
}
