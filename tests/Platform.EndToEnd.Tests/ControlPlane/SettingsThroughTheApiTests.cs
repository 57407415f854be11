using System.Text.Json;
using Platform.EndToEnd.Tests.Fixtures;
using Xunit;

namespace Platform.EndToEnd.Tests.ControlPlane;

/// <summary>
/// Settings written through the control plane's API, as the portal writes them, and observed where they act: the
/// silo's pool for the project, the usage series the portal charts, and the stored JWT secret.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class SettingsThroughTheApiTests(ControlPlaneFixture f)
{
    [Fact]
    public async Task A_pool_size_set_through_the_api_caps_the_silos_connections_and_the_usage_series_shows_the_pool()
    {
        var (projectId, tenant) = await f.CreateProjectAsync();
        var (_, key, _) = await f.Api.PostAsync($"/api/projects/{projectId}/keys", f.Token, new { role = "service", name = "app" });
        var apiKey = key.GetProperty("key").GetString()!;
        await Polling.UntilAsync(async () => (await GatewayClient.GraphQLAsync(f.GatewayUrl, apiKey)).Status == 200,
            TimeSpan.FromSeconds(30), "the project answering through the gateway");

        // On the default pool of 10, four sleeping statements run side by side.
        Assert.Equal(4, await PeakSleepersAsync(tenant, apiKey));

        var (_, _, read) = await f.Api.GetAsync($"/api/projects/{projectId}/settings", f.Token);
        var (status, body, _) = await f.Api.SendAsync(HttpMethod.Put, $"/api/projects/{projectId}/settings", f.Token,
            new { poolSize = 2 }, r => r.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag));
        Assert.True(status == 200, $"settings answered {status}: {body}");

        // The active grain swaps its pool (decision 0051): two run, two wait their turn, all four answer.
        await Polling.UntilAsync(async () => await PeakSleepersAsync(tenant, apiKey) == 2,
            TimeSpan.FromSeconds(60), "the silo's pool for the project capped at the new size");

        // The silo sampled its pool while two were in use and two waited; the minute shows both once it is over.
        JsonElement points = default;
        try
        {
            await Polling.UntilAsync(async () =>
            {
                var (s, usage, _) = await f.Api.GetAsync($"/api/projects/{projectId}/usage", f.Token);
                Assert.Equal(200, s);
                points = usage.GetProperty("points");
                return points.EnumerateArray().Any(p => Figure(p, "waiting") >= 1);
            }, TimeSpan.FromSeconds(100), "a usage point with requests waiting for the pool");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "; the series: " + points, e);
        }

        Assert.Contains(points.EnumerateArray(), p => Figure(p, "inUse") >= 2);
        // Never more in use than the pool holds: 10 before the change, 2 after.
        Assert.All(points.EnumerateArray(), p => Assert.True(Figure(p, "inUse") <= 10, points.ToString()));
    }

    [Fact]
    public async Task Settings_sent_back_without_the_jwt_secret_keep_the_stored_one()
    {
        var (projectId, tenant) = await f.CreateProjectAsync();
        await tenant.ScalarAsync<object>("CREATE TYPE public.jwt_token AS (role text, exp bigint)");
        var (_, _, read) = await f.Api.GetAsync($"/api/projects/{projectId}/settings", f.Token);
        var (status, body, written) = await f.Api.SendAsync(HttpMethod.Put, $"/api/projects/{projectId}/settings", f.Token,
            new { jwt = new { secret = new string('k', 40), tokenType = "public.jwt_token" } },
            r => r.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag));
        Assert.True(status == 200, $"settings answered {status}: {body}");
        Assert.Equal("true", written.Headers.GetValues("X-Jwt-Secret-Set").Single());
        var stored = await SecretAsync(projectId);

        // What GET gives an editor carries no secret; sending it back as it is keeps the stored one.
        var (_, document, again) = await f.Api.GetAsync($"/api/projects/{projectId}/settings", f.Token);
        Assert.False(document.GetProperty("jwt").TryGetProperty("secret", out var secret) && secret.ValueKind != JsonValueKind.Null);
        var (resent, answer, after) = await f.Api.SendAsync(HttpMethod.Put, $"/api/projects/{projectId}/settings", f.Token,
            document.GetRawText(), r => r.Headers.TryAddWithoutValidation("If-Match", again.Headers.ETag!.Tag));
        Assert.True(resent == 200, $"sending the settings back answered {resent}: {answer}");
        Assert.Equal("true", after.Headers.GetValues("X-Jwt-Secret-Set").Single());
        Assert.Equal(stored, await SecretAsync(projectId));
    }

    /// <summary>Sends four <c>pg_sleep(3)</c> through <c>/sql</c> at once; returns the most seen sleeping in the tenant database at one time.</summary>
    private async Task<long> PeakSleepersAsync(TenantDatabase tenant, string apiKey)
    {
        var requests = Enumerable.Range(0, 4)
            .Select(_ => GatewayClient.PostJsonAsync(f.GatewayUrl + "/sql", """{"query":"SELECT pg_sleep(3)","params":[]}""", apiKey))
            .ToArray();
        var peak = 0L;
        var all = Task.WhenAll(requests);
        while (!all.IsCompleted)
        {
            peak = Math.Max(peak, await tenant.ScalarAsync<long>(
                $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{tenant.Name}' AND wait_event = 'PgSleep' AND pid <> pg_backend_pid()"));
            await Task.WhenAny(all, Task.Delay(100));
        }

        foreach (var (status, body, _) in await all)
        {
            Assert.True(status == 200, $"/sql answered {status}: {body}");
        }

        return peak;
    }

    private static long Figure(JsonElement point, string name) =>
        point.GetProperty("pool").GetProperty(name) is { ValueKind: JsonValueKind.Number } n ? n.GetInt64() : 0;

    private async Task<byte[]> SecretAsync(Guid projectId)
    {
        await using var cmd = f.Metadata.DataSource.CreateCommand("SELECT jwt_secret_enc FROM platform.projects WHERE id = $1");
        cmd.Parameters.AddWithValue(projectId);
        return (byte[])(await cmd.ExecuteScalarAsync())!;
    }
}
