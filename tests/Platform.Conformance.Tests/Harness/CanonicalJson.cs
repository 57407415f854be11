using System.Text.Json.Nodes;

namespace Platform.Conformance.Tests.Harness;

/// <summary>Compact JSON with every object's keys sorted, so two answers compare with key order aside.</summary>
public static class CanonicalJson
{
    public static string Write(JsonNode? node) => Sorted(node)?.ToJsonString() ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
