using System.Text.Json;

namespace Platform.DataPlane.Realtime.Protocol;

/// <summary>What the platform reads from connection_init's payload (graphql-ws's connectionParams).</summary>
public static class ConnectionParams
{
    /// <summary>
    /// The end-user token: <c>Authorization</c> or <c>authorization</c>, else <c>headers.Authorization</c> in any case
    /// (clients that copy their HTTP headers). A bare token gets the <c>Bearer </c> prefix HTTP requests carry.
    /// </summary>
    public static string? Authorization(byte[]? payload)
    {
        if (payload is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var value = Find(root) ?? (root.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object ? Find(headers) : null);
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            return value.Contains(' ', StringComparison.Ordinal) ? value : "Bearer " + value;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Find(JsonElement o)
    {
        foreach (var p in o.EnumerateObject())
        {
            if (string.Equals(p.Name, "authorization", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String)
            {
                return p.Value.GetString();
            }
        }

        return null;
    }
}
