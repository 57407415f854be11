using System.Text.Json;

namespace Platform.DataPlane.Realtime.Protocol;

/// <summary>
/// One graphql-transport-ws message, checked the way graphql-ws validates messages: a JSON object with a string
/// type; an id that is a non-empty string where the type has one; payloads of the documented shapes.
/// </summary>
internal sealed class GraphQLWsMessage
{
    private GraphQLWsMessage(string type, string? id, byte[]? payload)
    {
        Type = type;
        Id = id;
        Payload = payload;
    }

    public string Type { get; }

    public string? Id { get; }

    /// <summary>The payload's JSON text; null when absent or null.</summary>
    public byte[]? Payload { get; }

    public static bool TryParse(ReadOnlySpan<byte> text, out GraphQLWsMessage? message, out string? problem)
    {
        message = null;
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(text);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            problem = "Invalid message received";
            return false;
        }

        using (document)
        {
            problem = Check(document.RootElement, out message);
            return problem is null;
        }
    }

    private static string? Check(JsonElement root, out GraphQLWsMessage? message)
    {
        message = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return $"Message is expected to be an object, but got {Kind(root)}";
        }

        if (!root.TryGetProperty("type", out var typeElement))
        {
            return "Message is missing the 'type' property";
        }

        if (typeElement.ValueKind != JsonValueKind.String)
        {
            return $"Message is expects the 'type' property to be a string, but got {Kind(typeElement)}";
        }

        var type = typeElement.GetString()!;
        root.TryGetProperty("payload", out var payload);
        switch (type)
        {
            case MessageTypes.ConnectionInit or MessageTypes.ConnectionAck or MessageTypes.Ping or MessageTypes.Pong:
                if (payload.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object))
                {
                    return $"\"{type}\" message expects the 'payload' property to be an object or nullish or missing, but got \"{Kind(payload)}\"";
                }

                message = new GraphQLWsMessage(type, null, Raw(payload));
                return null;
            case MessageTypes.Subscribe:
                {
                    if (IdProblem(root, type, out var id) is { } idProblem)
                    {
                        return idProblem;
                    }

                    if (payload.ValueKind != JsonValueKind.Object)
                    {
                        return $"\"{type}\" message expects the 'payload' property to be an object, but got {Kind(payload)}";
                    }

                    if (!payload.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String)
                    {
                        return $"\"{type}\" message payload expects the 'query' property to be a string, but got {Kind(query)}";
                    }

                    foreach (var (name, allowed) in new[] { ("variables", JsonValueKind.Object), ("operationName", JsonValueKind.String), ("extensions", JsonValueKind.Object) })
                    {
                        if (payload.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null && v.ValueKind != allowed)
                        {
                            return $"\"{type}\" message payload expects the '{name}' property to be {(allowed == JsonValueKind.String ? "a string" : "an object")} or nullish or missing, but got {Kind(v)}";
                        }
                    }

                    message = new GraphQLWsMessage(type, id, Raw(payload));
                    return null;
                }

            case MessageTypes.Next or MessageTypes.Error or MessageTypes.Complete:
                {
                    if (IdProblem(root, type, out var id) is { } idProblem)
                    {
                        return idProblem;
                    }

                    message = new GraphQLWsMessage(type, id, Raw(payload));
                    return null;
                }

            default:
                return $"Invalid message 'type' property \"{type}\"";
        }
    }

    private static string? IdProblem(JsonElement root, string type, out string? id)
    {
        id = null;
        if (!root.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String)
        {
            return $"\"{type}\" message expects the 'id' property to be a string, but got {Kind(idElement)}";
        }

        id = idElement.GetString();
        return string.IsNullOrEmpty(id) ? $"\"{type}\" message requires a non-empty 'id' property" : null;
    }

    private static byte[]? Raw(JsonElement e) =>
        e.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : System.Text.Encoding.UTF8.GetBytes(e.GetRawText());

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Undefined => "undefined",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        _ => "boolean",
    };

    /// <summary>A message as the server sends it; <paramref name="payload"/> is JSON text written as is.</summary>
    public static byte[] Write(string type, string? id, byte[]? payload)
    {
        using var buffer = new MemoryStream(64 + (payload?.Length ?? 0));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (id is not null)
            {
                w.WriteString("id", id);
            }

            w.WriteString("type", type);
            if (payload is not null)
            {
                w.WritePropertyName("payload");
                w.WriteRawValue(payload, skipInputValidation: true);
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>A JSON array holding one GraphQL error with a stable code.</summary>
    public static byte[] Errors(string message, string code)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            w.WriteStartObject();
            w.WriteString("message", message);
            w.WriteStartObject("extensions");
            w.WriteString("code", code);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }

        return buffer.ToArray();
    }
}
