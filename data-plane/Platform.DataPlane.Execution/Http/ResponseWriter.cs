using System.Buffers;
using System.Text;
using System.Text.Json;
using Platform.DataPlane.Planning.Errors;
using GraphQLErrorJson = Platform.Errors.GraphQLErrorJson;

namespace Platform.DataPlane.Execution.Http;

/// <summary>Writes GraphQL response bodies. Field values arrive as JSON built by PostgreSQL and are copied, not re-serialised.</summary>
public static class ResponseWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    private static ReadOnlySpan<byte> DataPrefix => """{"data":{"""u8;

    private static ReadOnlySpan<byte> DataSuffix => "}}"u8;

    private static ReadOnlySpan<byte> Null => "null"u8;

    public static byte[] Errors(IReadOnlyList<GraphQLError> errors, bool includeNullData = false)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            WriteErrors(w, errors);
            if (includeNullData)
            {
                w.WriteNull("data");
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>{"errors":[...],"data":{key:null,...}}</c>: a request that failed after execution started.</summary>
    public static byte[] DataWithErrors(IReadOnlyList<(string Key, ReadOnlyMemory<byte>? Json)> fields, IReadOnlyList<GraphQLError> errors)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            WriteErrors(w, errors);
            WriteData(w, fields);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes <c>{"data":{key:value,...}}</c> where each value is raw JSON (or null when SQL returned NULL), straight
    /// into an array of the body's exact size: the values are copied once, with no growing buffer copied out after.
    /// </summary>
    public static byte[] Data(IReadOnlyList<(string Key, ReadOnlyMemory<byte>? Json)> fields)
    {
        var size = DataPrefix.Length + DataSuffix.Length;
        foreach (var (key, json) in fields)
        {
            if (!IsName(key))
            {
                // Response keys are GraphQL names, which need no escaping; anything else goes through the JSON writer.
                return Written(w => WriteData(w, fields));
            }

            size += key.Length + 4 + (json?.Length ?? Null.Length);
        }

        var body = GC.AllocateUninitializedArray<byte>(size - (fields.Count == 0 ? 0 : 1));
        var at = Put(body, 0, DataPrefix);
        for (var i = 0; i < fields.Count; i++)
        {
            var (key, json) = fields[i];
            if (i > 0)
            {
                body[at++] = (byte)',';
            }

            body[at++] = (byte)'"';
            at += Encoding.ASCII.GetBytes(key, body.AsSpan(at));
            body[at++] = (byte)'"';
            body[at++] = (byte)':';
            at = Put(body, at, json is { } value ? value.Span : Null);
        }

        Put(body, at, DataSuffix);
        return body;
    }

    private static byte[] Written(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static int Put(byte[] body, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(body.AsSpan(at));
        return at + bytes.Length;
    }

    private static bool IsName(string key)
    {
        if (key.Length == 0 || char.IsAsciiDigit(key[0]))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>"data":{key:value,...}</c> with each value passed through as PostgreSQL wrote it.</summary>
    private static void WriteData(Utf8JsonWriter w, IReadOnlyList<(string Key, ReadOnlyMemory<byte>? Json)> fields)
    {
        w.WritePropertyName("data");
        w.WriteStartObject();
        foreach (var (key, json) in fields)
        {
            w.WritePropertyName(key);
            if (json is { } value)
            {
                w.WriteRawValue(value.Span, skipInputValidation: true);
            }
            else
            {
                w.WriteNullValue();
            }
        }

        w.WriteEndObject();
    }

    private static void WriteErrors(Utf8JsonWriter w, IReadOnlyList<GraphQLError> errors)
    {
        w.WritePropertyName("errors");
        w.WriteStartArray();
        foreach (var e in errors)
        {
            GraphQLErrorJson.WriteEntry(w, e.Message, e.Code, e.Line, e.Column, e.Path);
        }

        w.WriteEndArray();
    }
}
