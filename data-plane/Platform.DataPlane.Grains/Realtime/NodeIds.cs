using System.Text;
using System.Text.Json;

namespace Platform.DataPlane.Grains.Realtime;

/// <summary>Reads PostGraphile's <c>__node__</c> from a listen notification's payload.</summary>
public static class NodeIds
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The node id for <c>{"__node__": ["events", 1]}</c>: base64 of the array written as the planner's nodeId writes it
    /// (compact JSON), so relatedNodeId equals the node's own nodeId. Null when absent or malformed.
    /// </summary>
    public static string? FromPayload(string? payload)
    {
        if (string.IsNullOrEmpty(payload))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("__node__", out var node)
                || node.ValueKind != JsonValueKind.Array || node.GetArrayLength() < 2
                || node[0].ValueKind != JsonValueKind.String)
            {
                return null;
            }

            // Compact, as JSON.stringify writes it: the planner's nodeId is written that way too.
            var text = JsonSerializer.Serialize(node, Compact);
            return Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
