using System.Text.Json;
using Platform.EndToEnd.Tests.Fixtures;
using Xunit;

namespace Platform.EndToEnd.Tests.ControlPlane;

/// <summary>
/// Usage as the portal charts it: requests through the real gateway and silo reach GET /api/projects/{id}/usage once
/// their minute is over (one row per project, minute and host), and a key's last use shows in its listing.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class UsageTests(ControlPlaneFixture f)
{
    [Fact]
    public async Task Requests_through_the_gateway_become_a_usage_series_and_the_key_shows_its_last_use()
    {
        var (projectId, _) = await f.CreateProjectAsync();
        var (_, key, _) = await f.Api.PostAsync($"/api/projects/{projectId}/keys", f.Token, new { role = "service", name = "app" });
        var (_, anon, _) = await f.Api.PostAsync($"/api/projects/{projectId}/keys", f.Token, new { role = "anon", name = "web" });
        var apiKey = key.GetProperty("key").GetString();
        var keyId = key.GetProperty("id").GetGuid();
        var (_, listed, _) = await f.Api.GetAsync($"/api/projects/{projectId}/keys", f.Token);
        Assert.Equal(JsonValueKind.Null, KeyOf(listed, keyId).GetProperty("lastUsedAt").ValueKind);

        await Polling.UntilAsync(async () => (await GatewayClient.GraphQLAsync(f.GatewayUrl, apiKey, "{ __typename }")).Status == 200,
            TimeSpan.FromSeconds(30), "the project answering through the gateway");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(200, (await GatewayClient.GraphQLAsync(f.GatewayUrl, apiKey, "{ __typename }")).Status);
        }

        // One the silo refuses (its code comes from the silo; 200 with the legacy application/json) and one the gateway refuses (anon key on /sql).
        var (_, invalid, _) = await GatewayClient.GraphQLAsync(f.GatewayUrl, apiKey, "{ noSuchField }");
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", invalid.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(403, (await GatewayClient.PostJsonAsync(f.GatewayUrl + "/sql", """{"query":"SELECT 1","params":[]}""", anon.GetProperty("key").GetString())).Status);

        // The key's use is written off the request path within a few seconds.
        await Polling.UntilAsync(async () =>
        {
            var (_, keys, _) = await f.Api.GetAsync($"/api/projects/{projectId}/keys", f.Token);
            return KeyOf(keys, keyId).GetProperty("lastUsedAt").ValueKind == JsonValueKind.String;
        }, TimeSpan.FromSeconds(30), "the key's lastUsedAt");

        // The minute is written once it is over: up to a minute and the flush interval from now.
        JsonElement points = default;
        await Polling.UntilAsync(async () =>
        {
            var (status, usage, _) = await f.Api.GetAsync($"/api/projects/{projectId}/usage", f.Token);
            Assert.Equal(200, status);
            points = usage.GetProperty("points");
            return Sum(points, p => Count(p.GetProperty("requests"), "graphql", "2xx")) >= 6;
        }, TimeSpan.FromSeconds(100), "a usage point with the requests");

        Assert.True(Sum(points, p => Count(p.GetProperty("requests"), "sql", "4xx")) >= 1, points.ToString());
        Assert.True(Sum(points, p => Code(p, "FORBIDDEN")) >= 1, points.ToString());
        Assert.True(Sum(points, p => Code(p, "GRAPHQL_VALIDATION_FAILED")) >= 1, points.ToString());
        Assert.Contains(points.EnumerateArray(), p => p.GetProperty("latencyMs").GetProperty("p99").ValueKind == JsonValueKind.Number);

        // At most one row per project, minute and host.
        await using var cmd = f.Metadata.DataSource.CreateCommand(
            "SELECT count(*) = count(DISTINCT (minute, host)) FROM platform.usage_minutes WHERE project_id = $1");
        cmd.Parameters.AddWithValue(projectId);
        Assert.True((bool)(await cmd.ExecuteScalarAsync())!);
    }

    private static JsonElement KeyOf(JsonElement list, Guid id) =>
        list.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("id").GetGuid() == id);

    private static long Sum(JsonElement points, Func<JsonElement, long> of) => points.EnumerateArray().Sum(of);

    private static long Count(JsonElement requests, string surface, string status) =>
        requests.TryGetProperty(surface, out var s) && s.TryGetProperty(status, out var n) ? n.GetInt64() : 0;

    private static long Code(JsonElement point, string code) =>
        point.GetProperty("errors").TryGetProperty(code, out var n) ? n.GetInt64() : 0;
}
