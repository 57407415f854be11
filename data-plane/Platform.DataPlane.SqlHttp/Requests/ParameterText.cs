using System.Text.Json;

namespace Platform.DataPlane.SqlHttp.Requests;

/// <summary>
/// Turns a JSON parameter into the text PostgreSQL receives. Every parameter is sent as untyped text (type "unknown"),
/// exactly as node-postgres and Neon's driver do, so the statement decides the type: <c>$1::int</c>, <c>$1 + 1</c>
/// (integer, from the other operand), a jsonb column, <c>= any($1)</c> with an array.
/// </summary>
internal static class ParameterText
{
    public static string? From(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        // The raw token keeps every digit: 12345678901234567890.000000000001 reaches numeric unrounded.
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => ArrayLiteral.From(value),
        _ => value.GetRawText(),
    };
}
