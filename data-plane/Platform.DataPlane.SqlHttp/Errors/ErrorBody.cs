using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Platform.DataPlane.SqlHttp.Errors;

/// <summary>Writes an error as <c>{"code", "message", ...}</c>; absent fields are left out rather than written as null.</summary>
internal static class ErrorBody
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static SqlHttpResponse Response(SqlHttpError error)
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
            Optional(json, "position"u8, error.Position);
            Optional(json, "internalPosition"u8, error.InternalPosition);
            Optional(json, "internalQuery"u8, error.InternalQuery);
            Optional(json, "where"u8, error.Where);
            Optional(json, "schema"u8, error.Schema);
            Optional(json, "table"u8, error.Table);
            Optional(json, "column"u8, error.Column);
            Optional(json, "dataType"u8, error.DataType);
            Optional(json, "constraint"u8, error.Constraint);
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

    private static void Optional(Utf8JsonWriter json, ReadOnlySpan<byte> name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }
}
