using System.Diagnostics;
using System.Text.Json;
using Platform.EndToEnd.Tests.Fixtures;
using Xunit;

namespace Platform.EndToEnd.Tests;

/// <summary>Two silo processes clustered through PostgreSQL, one gateway, and a silo killed mid-traffic.</summary>
public sealed class SiloFailoverTests(TwoSiloPlatform platform) : IClassFixture<TwoSiloPlatform>
{
    private static readonly int[] MovingStatuses = [502, 503];

    [Fact]
    public async Task Two_silos_form_one_cluster_and_a_grain_call_crosses_them()
    {
        // Each silo reports the whole cluster in its readiness description once membership has settled.
        foreach (var silo in platform.Hosts.Silos)
        {
            await Eventually(async () =>
            {
                var text = await GatewayClient.Http.GetStringAsync(new Uri(silo.ManagementUrl + "/readyz"));
                return JsonDocument.Parse(text).RootElement.GetProperty("checks").GetProperty("orleans-silo")
                    .GetProperty("description").GetString()!.Contains("2 active silos", StringComparison.Ordinal);
            }, TimeSpan.FromSeconds(30));
        }

        // The project has one activation in the cluster: asked through either silo, it is hosted by the same one,
        // so one of the two calls crossed from one silo to the other.
        var client = new SignedSiloClient(platform.Hosts.InternalSecret);
        var id = platform.ProjectA.Id;
        var viaFirst = await client.HostingSiloAsync(platform.Hosts.Silos[0].Url, id);
        var viaSecond = await client.HostingSiloAsync(platform.Hosts.Silos[1].Url, id);
        Assert.Equal(viaFirst, viaSecond);
    }

    [Fact]
    public async Task The_pool_cap_holds_cluster_wide_when_requests_enter_through_both_silos()
    {
        var tenant = new Platform.Testing.Postgres.TestDatabase();
        await tenant.InitializeAsync();
        try
        {
            var project = await platform.Hosts.CreateProjectAsync(tenant.ConnectionString,
                new Platform.Metadata.Projects.ProjectSettings { PoolSize = 5, PoolTimeoutSeconds = 1 });
            var client = new SignedSiloClient(platform.Hosts.InternalSecret);
            long peak = 0;
            using var stop = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, await TenantActivity.ConnectionsAsync(tenant.DataSource, project.Id));
                    await Task.Delay(10);
                }
            });

            // Half the requests enter through each silo; both reach the project's one activation and its one pool.
            // (Only live ones: the failover test in this class kills a silo, and test order is not guaranteed.)
            var entries = platform.Hosts.Silos.Where(s => !s.HasExited).Select(s => s.Url).ToArray();
            var answers = new System.Collections.Concurrent.ConcurrentBag<(int Status, string Body)>();
            await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 200 }, async (i, _) =>
            {
                var (status, body, _) = await client.PostAsync(entries[i % entries.Length], project.Id, "sql", """{"query":"select pg_sleep(0.1)"}""");
                answers.Add((status, body.ToString()));
            });
            await stop.CancelAsync();
            await sampler;

            Assert.InRange(peak, 1, 5);
            Assert.All(answers, a => Assert.True(a.Status == 200 || (a.Status == 503 && a.Body.Contains("POOL_TIMEOUT", StringComparison.Ordinal)), $"{a.Status} {a.Body}"));
            Assert.Contains(answers, a => a.Status == 200);

            // The control plane's reload goes through either silo to the same grain.
            var (reload, reloadBody, _) = await client.PostAsync(entries[^1], project.Id, "reload", "{}");
            Assert.True(reload == 204, $"{reload} {reloadBody}");
        }
        finally
        {
            await tenant.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_killed_silo_s_projects_answer_again_from_the_survivor()
    {
        var client = new SignedSiloClient(platform.Hosts.InternalSecret);
        var id = platform.ProjectB.Id;
        var key = platform.ProjectB.AnonKey.Key;
        Assert.Equal(200, (await GatewayClient.GraphQLAsync(platform.GatewayUrl, key)).Status);

        var hosting = await client.HostingSiloAsync(platform.Hosts.Silos[0].Url, id);
        var victim = await WhichProcessAsync(hosting);
        var survivor = platform.Hosts.Silos.Single(s => s != victim && !s.HasExited);

        // Traffic runs while the hosting silo is killed; afterwards requests must succeed again, within a bound.
        using var stop = new CancellationTokenSource();
        var traffic = Task.Run(async () =>
        {
            var answers = new List<(int Status, string Body)>();
            while (!stop.IsCancellationRequested)
            {
                var (status, body, _) = await GatewayClient.GraphQLAsync(platform.GatewayUrl, key);
                answers.Add((status, body.ToString()));
                await Task.Delay(50);
            }

            return answers;
        });

        await Task.Delay(300);
        await victim.KillAsync();
        var killedAt = Stopwatch.StartNew();

        await Eventually(async () => (await GatewayClient.GraphQLAsync(platform.GatewayUrl, key)).Status == 200
                && await client.HostingSiloAsync(survivor.Url, id) != hosting,
            TimeSpan.FromSeconds(45));
        var recovered = killedAt.Elapsed;
        await stop.CancelAsync();
        var answers = await traffic;
        Assert.Contains(answers, a => a.Status == 200);
        // While the project moves, the platform answers 502 (in flight on the killed silo) or 503 (moving), always
        // with a JSON error code: never a raw failure.
        Assert.All(answers.Where(a => a.Status != 200), a =>
        {
            Assert.Contains(a.Status, MovingStatuses);
            Assert.Contains("\"code\"", a.Body, StringComparison.Ordinal);
        });

        // Once recovered, it stays recovered: ten requests in a row succeed.
        for (var i = 0; i < 10; i++)
        {
            var (status, body, _) = await GatewayClient.GraphQLAsync(platform.GatewayUrl, key);
            Assert.Equal(200, status);
            Assert.Equal("Query", body.GetProperty("data").GetProperty("__typename").GetString());
        }

        Assert.True(recovered < TimeSpan.FromSeconds(45), $"recovered after {recovered}");
    }

    private async Task<Platform.Testing.Hosting.HostProcess> WhichProcessAsync(string hosting)
    {
        // Each silo names its own Orleans address in its readiness report.
        foreach (var s in platform.Hosts.Silos)
        {
            var text = await GatewayClient.Http.GetStringAsync(new Uri(s.ManagementUrl + "/readyz"));
            if (text.Contains(hosting + " active", StringComparison.Ordinal))
            {
                return s;
            }
        }

        throw new InvalidOperationException("no silo process matches " + hosting);
    }

    private static async Task Eventually(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"condition not met within {timeout}");
            }

            await Task.Delay(200);
        }
    }
}
