using System.Text.Json;

namespace Platform.Bench.Scenarios;

/// <summary>One GraphQL request of a benchmark: a single root field, so the planner makes one statement for it.</summary>
public sealed record BenchScenario(string Name, string Query, string? VariablesJson)
{
    /// <summary>The GraphQL-over-HTTP body, as an app would post it.</summary>
    public string Body => "{\"query\":" + JsonSerializer.Serialize(Query) + ",\"variables\":" + (VariablesJson ?? "null") + "}";

    public JsonElement? Variables => VariablesJson is null ? null : JsonDocument.Parse(VariablesJson).RootElement.Clone();
}
