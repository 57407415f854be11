using System.Buffers;
using System.Text.Json;
using Platform.DataPlane.Planning.Errors;
using GraphQLErrorJson = Platform.Errors.GraphQLErrorJson;

namespace Platform.DataPlane.Execution.Http;

/// <summary>Writes GraphQL response bodies. Field values arrive as JSON built by PostgreSQL and are copied, not re-serialised.</summary>
public static class ResponseWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

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

    /// <summary>Writes <c>{"data":{key:value,...}}</c> where each value is raw JSON (or null when SQL returned NULL).</summary>
    public static byte[] Data(IReadOnlyList<(string Key, ReadOnlyMemory<byte>? Json)> fields)
    {
        var size = 16;
        foreach (var f in fields)
        {
            size += f.Key.Length + 4 + (f.Json?.Length ?? 4);
        }

        var buffer = new ArrayBufferWriter<byte>(size);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            WriteData(w, fields);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
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
