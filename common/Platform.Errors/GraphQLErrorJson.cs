using System.Text.Json;

namespace Platform.Errors;

/// <summary>
/// GraphQL's error shape, <c>{"errors":[{"message","locations","path","extensions":{"code"}}]}</c>, for every answer on a
/// GraphQL endpoint. An error <see cref="PlatformError.DuringExecution"/> is an execution error: 200 with
/// <c>"data": null</c>, as the GraphQL over HTTP spec has it once execution started; any other keeps its code's status.
/// </summary>
public static class GraphQLErrorJson
{
    public const string JsonContentType = ErrorJson.JsonContentType;

    public static RenderedError Render(PlatformError error, string contentType = JsonContentType)
    {
        ArgumentNullException.ThrowIfNull(error);
        var body = ErrorJson.Write(json =>
        {
            json.WriteStartObject();
            json.WritePropertyName("errors");
            json.WriteStartArray();
            WriteEntry(json, error.Message, error.Code);
            json.WriteEndArray();
            if (error.DuringExecution)
            {
                json.WriteNull("data");
            }

            json.WriteEndObject();
        });
        return new RenderedError(StatusOf(error), contentType, body, error.RetryAfterSeconds, error.Code);
    }

    /// <summary>The status a GraphQL endpoint answers <paramref name="error"/> with.</summary>
    public static int StatusOf(PlatformError error) => error.DuringExecution ? 200 : error.Status;

    /// <summary>One entry of <c>errors</c>; <paramref name="line"/> and <paramref name="column"/> are 1-based.</summary>
    public static void WriteEntry(Utf8JsonWriter json, string message, string code, int? line = null, int? column = null, IReadOnlyList<object>? path = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("message", message);
        if (line is { } l)
        {
            json.WritePropertyName("locations");
            json.WriteStartArray();
            json.WriteStartObject();
            json.WriteNumber("line", l);
            json.WriteNumber("column", column ?? 1);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        if (path is { Count: > 0 })
        {
            json.WritePropertyName("path");
            json.WriteStartArray();
            foreach (var segment in path)
            {
                if (segment is int index)
                {
                    json.WriteNumberValue(index);
                }
                else
                {
                    json.WriteStringValue(segment.ToString());
                }
            }

            json.WriteEndArray();
        }

        json.WritePropertyName("extensions");
        json.WriteStartObject();
        json.WriteString("code", code);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
