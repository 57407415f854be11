using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Gateway.WebSockets;

/// <summary>
/// The first message of a graphql-transport-ws socket whose request carried no key. The key is read from
/// payload.apiKey, else payload["x-api-key"], else payload.headers["X-Api-Key"] (any case): apiKey is the documented
/// place, the others are where clients that copy their HTTP headers into the payload put it. Every copy is removed
/// from the message the silo gets, so the key never leaves the gateway.
/// </summary>
internal sealed class ConnectionInit
{
    public const string Type = "connection_init";

    private ConnectionInit(string? key, byte[]? forwarded, int closeCode, string? closeReason)
    {
        Key = key;
        Forwarded = forwarded;
        CloseCode = closeCode;
        CloseReason = closeReason;
    }

    /// <summary>The key found, if any.</summary>
    public string? Key { get; }

    /// <summary>The message to send the silo in place of the client's: the same, without the key.</summary>
    public byte[]? Forwarded { get; }

    /// <summary>0 for a connection_init; else the graphql-ws close code the client gets (4400 invalid, 4401 not an init).</summary>
    public int CloseCode { get; }

    public string? CloseReason { get; }

    public static ConnectionInit Parse(ReadOnlySpan<byte> message)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(message) as JsonObject;
        }
        catch (JsonException)
        {
            root = null;
        }

        if (root?["type"] is not JsonValue typeValue || !typeValue.TryGetValue<string>(out var type))
        {
            return new ConnectionInit(null, null, 4400, "Invalid message received");
        }

        if (type != Type)
        {
            // graphql-ws answers anything before connection_init's acknowledgement this way.
            return new ConnectionInit(null, null, 4401, "Unauthorized");
        }

        string? key = null;
        if (root["payload"] is JsonObject payload)
        {
            // Every place is emptied before choosing, so no copy of a key reaches the silo.
            var documented = Take(payload, "apiKey");
            var asHeader = Take(payload, "x-api-key");
            string? fromHeaders = null;
            if (payload["headers"] is JsonObject headers)
            {
                foreach (var name in headers.Select(h => h.Key).Where(n => string.Equals(n, "x-api-key", StringComparison.OrdinalIgnoreCase)).ToList())
                {
                    fromHeaders ??= Take(headers, name);
                    headers.Remove(name);
                }
            }

            key = documented ?? asHeader ?? fromHeaders;
        }

        return new ConnectionInit(key, JsonSerializer.SerializeToUtf8Bytes(root), 0, null);
    }

    private static string? Take(JsonObject o, string name)
    {
        if (!o.TryGetPropertyValue(name, out var node))
        {
            return null;
        }

        o.Remove(name);
        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }
}
