using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Platform.DataPlane.SqlHttp.Errors;

/// <summary>
/// Writes an error as <c>{"code", "message", ...}</c>; absent fields are left out rather than written as null. In Neon's
/// shape the fields are those of node-postgres's DatabaseError, which the driver copies onto its error: positions and
/// the line as strings, plus <c>file</c>, <c>line</c> and <c>routine</c>.
/// </summary>
internal static class ErrorBody
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static SqlHttpResponse Response(SqlHttpError error, bool neonShape = false)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("code"u8, error.Code);
            json.WriteString("message"u8, error.Message);
            Optional(json, "severity"u8, error.Severity);
            Optional(json, "detail"u8, error.Detail);
            Optional(json, "hint"u8, error.Hint);
            Position(json, "position"u8, error.Position, neonShape);
            Position(json, "internalPosition"u8, error.InternalPosition, neonShape);
            Optional(json, "internalQuery"u8, error.InternalQuery);
            Optional(json, "where"u8, error.Where);
            Optional(json, "schema"u8, error.Schema);
            Optional(json, "table"u8, error.Table);
            Optional(json, "column"u8, error.Column);
            Optional(json, "dataType"u8, error.DataType);
            Optional(json, "constraint"u8, error.Constraint);
            if (neonShape)
            {
                Optional(json, "file"u8, error.File);
                Optional(json, "line"u8, error.Line);
                Optional(json, "routine"u8, error.Routine);
            }

            Optional(json, "statementIndex"u8, error.StatementIndex);
            json.WriteEndObject();
        }

        return new SqlHttpResponse(error.StatusCode, buffer.WrittenSpan.ToArray(), error.RetryAfterSeconds);
    }

    private static void Optional(Utf8JsonWriter json, ReadOnlySpan<byte> name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }

    private static void Position(Utf8JsonWriter json, ReadOnlySpan<byte> name, int? value, bool asText)
    {
        if (asText && value is { } position)
        {
            json.WriteString(name, position.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        Optional(json, name, value);
    }

    private static void Optional(Utf8JsonWriter json, ReadOnlySpan<byte> name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }
}
