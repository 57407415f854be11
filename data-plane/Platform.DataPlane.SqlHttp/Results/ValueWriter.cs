using System.Buffers;
using System.Text.Json;

namespace Platform.DataPlane.SqlHttp.Results;

/// <summary>Writes one non-null value, given as PostgreSQL's UTF-8 text output, as JSON.</summary>
internal static class ValueWriter
{
    public static void Write(Utf8JsonWriter json, ColumnFormat format, ReadOnlySpan<byte> text)
    {
        switch (format.Kind)
        {
            case ValueKind.Integer:
                // PostgreSQL's integer output is always a valid JSON number; re-validating it would only cost time.
                json.WriteRawValue(text, skipInputValidation: true);
                break;
            case ValueKind.Float:
                if (IsNonFinite(text))
                {
                    json.WriteStringValue(text);
                }
                else
                {
                    json.WriteRawValue(text, skipInputValidation: true);
                }

                break;
            case ValueKind.Boolean:
                json.WriteBooleanValue(text.Length > 0 && text[0] == 't');
                break;
            case ValueKind.Json:
                json.WriteRawValue(text);
                break;
            case ValueKind.Bytes:
                WriteBytes(json, text);
                break;
            case ValueKind.Array:
                ArrayText.Write(json, format, text);
                break;
            default:
                json.WriteStringValue(text);
                break;
        }
    }

    private static bool IsNonFinite(ReadOnlySpan<byte> text) =>
        text.SequenceEqual("NaN"u8) || text.SequenceEqual("Infinity"u8) || text.SequenceEqual("-Infinity"u8);

    private static void WriteBytes(Utf8JsonWriter json, ReadOnlySpan<byte> text)
    {
        var buffer = ByteaText.Decode(text, out var length);
        try
        {
            json.WriteBase64StringValue(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
