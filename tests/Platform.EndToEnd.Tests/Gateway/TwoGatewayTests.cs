using System.Text.Json;
using Platform.EndToEnd.Tests.Fixtures;
using Platform.Metadata.Keys;
using Xunit;

namespace Platform.EndToEnd.Tests.Gateway;

/// <summary>Two silos and two gateway processes: isolation between projects, revocation everywhere, bad-key floods, routing.</summary>
public sealed class TwoGatewayTests(TwoGatewayPlatform platform) : IClassFixture<TwoGatewayPlatform>
{
    private const string SiloGraphQLRoute = "http_route=\"/internal/projects/{projectId:guid}/graphql\"";

    [Fact]
    public async Task A_key_of_one_project_never_reaches_another_even_with_forged_internal_headers()
    {
        // A table only project C's database has, so an answer from C's schema is unmistakable.
        await platform.TenantB.ExecuteAsync("create table if not exists vault (id serial primary key, secret text not null); insert into vault (secret) values ('c-only');");
        var c = await platform.Hosts.CreateProjectAsync(platform.TenantB.ConnectionString);
        const string Query = "{ allVaults { nodes { secret } } }";
        foreach (var gateway in platform.GatewayUrls)
        {
            var own = await GatewayClient.GraphQLAsync(gateway, c.AnonKey.Key, Query);
            Assert.Equal(200, own.Status);
            Assert.Equal("c-only", own.Body.GetProperty("data").GetProperty("allVaults").GetProperty("nodes")[0].GetProperty("secret").GetString());

            // Project A's key with internal headers that name C: the gateway replaces them, so A's schema answers (no such field).
            using var forged = new HttpRequestMessage(HttpMethod.Post, gateway + "/graphql")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { query = Query }), System.Text.Encoding.UTF8, "application/json"),
            };
            forged.Headers.Add("X-Api-Key", platform.ProjectA.ServiceKey.Key);
            forged.Headers.Add("X-Platform-Project", c.Id.ToString());
            forged.Headers.Add("X-Platform-Key-Role", "service");
            forged.Headers.Add("X-Platform-Timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            forged.Headers.Add("X-Platform-Signature", new string('A', 64));
            using var response = await GatewayClient.Http.SendAsync(forged);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.BadRequest, text);
            Assert.True(GatewayClient.Parse(text).TryGetProperty("errors", out _), text);
            Assert.DoesNotContain("c-only", text, StringComparison.Ordinal);
            Assert.Contains("allVaults", text, StringComparison.Ordinal);

            // A's key on C's endpoint is refused outright.
            var other = await GatewayClient.GraphQLAsync(gateway, platform.ProjectA.ServiceKey.Key, Query, path: $"/projects/{c.Id}/graphql");
            Assert.Equal(401, other.Status);
        }

        // And C's database never saw a connection made for project A (pg_stat_activity spans the server, so filter by database).
        await using var cmd = platform.TenantB.DataSource.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()");
        cmd.Parameters.AddWithValue("platform/project/" + platform.ProjectA.Id.ToString("N"));
        Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_by_both_gateways_within_five_seconds()
    {
        var project = await platform.Hosts.CreateProjectAsync(platform.TenantA.ConnectionString);
        foreach (var gateway in platform.GatewayUrls)
        {
            await Polling.UntilAsync(async () => (await GatewayClient.GraphQLAsync(gateway, project.AnonKey.Key)).Status == 200,
                TimeSpan.FromSeconds(10), "new key accepted");
        }

        var revokedAt = System.Diagnostics.Stopwatch.StartNew();
        await new ApiKeyStore(platform.Hosts.MetadataSource).RevokeAsync(project.AnonKey.Id);
        var waits = await Task.WhenAll(platform.GatewayUrls.Select(gateway => Polling.UntilAsync(
            async () => (await GatewayClient.GraphQLAsync(gateway, project.AnonKey.Key)).Status == 401,
            TimeSpan.FromSeconds(5), "revocation seen by " + gateway)));
        Assert.True(revokedAt.Elapsed < TimeSpan.FromSeconds(5.5), $"revocation took {revokedAt.Elapsed}");
        Assert.All(waits, w => Assert.True(w < TimeSpan.FromSeconds(5)));

        // The project's other key is untouched.
        Assert.Equal(200, (await GatewayClient.GraphQLAsync(platform.GatewayUrls[1], project.ServiceKey.Key)).Status);
    }

    [Fact]
    public async Task A_thousand_random_bad_keys_cost_at_most_a_handful_of_database_lookups()
    {
        var gateway = platform.GatewayUrls[0];
        var management = platform.Hosts.Gateways[0].ManagementUrl;
        var before = await PrometheusScrape.SumAsync(management, "platform_gateway_key_lookups_total");
        var statuses = new int[1000];
        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            // Well-formed keys of both roles (the shape check alone does not stop these) and some junk.
            var key = i % 10 == 9 ? "junk key " + i : ApiKeySecret.Generate(i % 2 == 0 ? ApiKeyRole.Anon : ApiKeyRole.Service);
            statuses[i] = (await GatewayClient.GraphQLAsync(gateway, key)).Status;
        });
        var after = await PrometheusScrape.SumAsync(management, "platform_gateway_key_lookups_total");

        Assert.All(statuses, s => Assert.Equal(401, s));
        Assert.True(after - before <= 20, $"{after - before} database lookups for 1000 bad keys");
        await Polling.UntilAsync(
            async () => await PrometheusScrape.SumAsync(management, "platform_gateway_rejections_total", "reason=\"INVALID_API_KEY\"") >= 1000,
            TimeSpan.FromSeconds(5), "1000 rejections counted");
    }

    [Fact]
    public async Task Traffic_goes_to_the_hosting_silo_and_moves_to_the_other_when_it_stops()
    {
        var project = await platform.Hosts.CreateProjectAsync(platform.TenantA.ConnectionString);
        var key = project.AnonKey.Key;
        var gateway = platform.GatewayUrls[0];
        var signed = new SignedSiloClient(platform.Hosts.InternalSecret);
        Assert.Equal(200, (await GatewayClient.GraphQLAsync(gateway, key)).Status);
        var hostingAddress = await signed.HostingSiloAsync(platform.Hosts.Silos[0].Url, project.Id);
        var hosting = await WhichSiloAsync(hostingAddress);
        var other = platform.Hosts.Silos.Single(s => s != hosting);

        // The gateway learns the hosting silo in the background; after that every request of the project goes there.
        await Polling.UntilAsync(async () =>
        {
            var (h0, o0) = (await SiloRequestsAsync(hosting), await SiloRequestsAsync(other));
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(200, (await GatewayClient.GraphQLAsync(gateway, key)).Status);
            }

            return await SiloRequestsAsync(hosting) - h0 >= 20 && await SiloRequestsAsync(other) - o0 == 0;
        }, TimeSpan.FromSeconds(20), "requests routed to the hosting silo");

        // The hosting silo is stopped mid-traffic; the project's requests must succeed again through the other one.
        using var stop = new CancellationTokenSource();
        var traffic = Task.Run(async () =>
        {
            var answers = new List<(int Status, string Body)>();
            while (!stop.IsCancellationRequested)
            {
                var (status, body, _) = await GatewayClient.GraphQLAsync(gateway, key);
                answers.Add((status, body.ToString()));
                await Task.Delay(50);
            }

            return answers;
        });
        await Task.Delay(200);
        await hosting.KillAsync();
        await Polling.UntilAsync(async () => (await GatewayClient.GraphQLAsync(gateway, key)).Status == 200
            && await signed.HostingSiloAsync(other.Url, project.Id) != hostingAddress, TimeSpan.FromSeconds(45), "project served by the survivor");
        await stop.CancelAsync();
        var answers = await traffic;
        Assert.All(answers.Where(a => a.Status != 200), a =>
        {
            Assert.True(a.Status is 502 or 503, a.Body);
            Assert.Contains("\"code\"", a.Body, StringComparison.Ordinal);
        });

        var before = await SiloRequestsAsync(other);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(200, (await GatewayClient.GraphQLAsync(gateway, key)).Status);
            Assert.Equal(200, (await GatewayClient.GraphQLAsync(platform.GatewayUrls[1], key)).Status);
        }

        // The exporter caches a scrape briefly, so read until the count has caught up.
        await Polling.UntilAsync(async () => await SiloRequestsAsync(other) - before >= 20, TimeSpan.FromSeconds(5), "survivor served the requests");
    }

    private static Task<double> SiloRequestsAsync(Platform.Testing.Hosting.HostProcess silo) =>
        PrometheusScrape.SumAsync(silo.ManagementUrl, "http_server_request_duration_seconds_count", SiloGraphQLRoute);

    private async Task<Platform.Testing.Hosting.HostProcess> WhichSiloAsync(string address)
    {
        foreach (var s in platform.Hosts.Silos)
        {
            var text = await GatewayClient.Http.GetStringAsync(new Uri(s.ManagementUrl + "/readyz"));
            if (text.Contains(address + " active", StringComparison.Ordinal))
            {
                return s;
            }
        }

        throw new InvalidOperationException("no silo process matches " + address);
    }
}
