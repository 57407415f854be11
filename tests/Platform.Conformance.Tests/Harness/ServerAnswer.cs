using System.Text.Json.Nodes;

namespace Platform.Conformance.Tests.Harness;

/// <summary>What one server answered to one document: HTTP status and the body (null when it was not JSON).</summary>
public sealed record ServerAnswer(string Server, int Status, string Text)
{
    public JsonNode? Json { get; } = TryParse(Text);

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public override string ToString() => $"{Server} ({Status}): {(Json is null ? Text : CanonicalJson.Write(Json))}";
}
