using Platform.EndToEnd.Tests.Fixtures;
using Xunit;
using static Platform.EndToEnd.Tests.Fixtures.GraphQLWsDriver;

namespace Platform.EndToEnd.Tests.Realtime;

/// <summary>
/// Two silo processes: the one hosting the project's grain (and so its sockets) is killed; the graphql-ws client
/// reconnects through the gateway, resubscribes on the survivor and gets results again; once the client leaves, the
/// survivor holds nothing for it (no live intervals, no LISTEN connection).
/// </summary>
public sealed class RealtimeFailoverTests(TwoSiloRealtimePlatform platform) : IClassFixture<TwoSiloRealtimePlatform>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private GraphQLWsDriver D => platform.Driver;

    [Fact]
    public async Task A_killed_silo_s_subscribers_resubscribe_on_the_survivor_and_it_cleans_up_after_them()
    {
        // The cluster settled and the project's grain active before the socket opens, so the kill is what is tested.
        foreach (var silo in platform.Hosts.Silos)
        {
            await Polling.UntilAsync(async () => (await GatewayClient.Http.GetStringAsync(new Uri(silo.ManagementUrl + "/readyz"))).Contains("2 active silos", StringComparison.Ordinal), Wait, "a cluster of two");
        }

        await Polling.UntilAsync(async () => (await GatewayClient.GraphQLAsync(platform.GatewayUrl, platform.Project.AnonKey.Key)).Status == 200, Wait, "the project answering");
        var c = "fo-" + Guid.NewGuid().ToString("N")[..6];
        D.Send(new { cmd = "client", name = c, url = platform.Url, @params = new { apiKey = platform.Project.AnonKey.Key }, retry = true });
        await D.WaitAsync(e => Is(e, "connected", "client", c), Wait, "connection_ack");
        D.Send(new { cmd = "subscribe", client = c, id = c + "-live", payload = RealtimeTenant.Payload("subscription { counterById(id: 2) { value } }") });
        D.Send(new { cmd = "subscribe", client = c, id = c + "-listen", payload = RealtimeTenant.Payload("subscription { listen(topic: \"items\") { relatedNodeId } }") });
        await D.WaitAsync(e => Is(e, "next", "id", c + "-live"), Wait, "the first live result");

        var signed = new SignedSiloClient(platform.Hosts.InternalSecret);
        var hosting = await signed.HostingSiloAsync(platform.Hosts.Silos[0].Url, platform.Project.Id);
        var victim = await ProcessOfAsync(hosting);
        var survivor = platform.Hosts.Silos.Single(s => s != victim);
        var nextsBefore = D.Events(e => Is(e, "next", "id", c + "-live")).Count;

        await victim.KillAsync();

        // The client's socket was on the victim (closed, then graphql-ws reconnects through the gateway and
        // resubscribes) or on the survivor (its lease renewal finds the new activation without its operations and
        // starts them again). Either way a change made after the kill reaches the live query.
        await platform.Tenant.ExecuteAsync("UPDATE public.counters SET value = 5000 WHERE id = 2");
        await D.WaitAsync(e => Is(e, "next", "id", c + "-live") && RealtimeTenant.Data(e, "counterById", "value") == "5000", TimeSpan.FromSeconds(90), "the changed value after the failover");
        Assert.True(D.Events(e => Is(e, "next", "id", c + "-live")).Count > nextsBefore);
        if (D.Events(e => Is(e, "closed", "client", c)).Count > 0)
        {
            Assert.True(D.Events(e => Is(e, "connected", "client", c)).Count >= 2, "closed without reconnecting");
        }

        await Polling.UntilAsync(async () =>
        {
            await platform.Tenant.ExecuteAsync("INSERT INTO public.items (owner, title) VALUES (9, 'after-failover')");
            await Task.Delay(300);
            return D.Events(e => Is(e, "next", "id", c + "-listen")).Count > 0;
        }, Wait, "a listen event after the failover");
        Assert.NotEqual(hosting, await signed.HostingSiloAsync(survivor.Url, platform.Project.Id));

        // The client leaves: its subscriptions end on the survivor, the LISTEN connection goes back to the pool.
        D.Send(new { cmd = "dispose", client = c });
        const string metric = "platform_dataplane_live_interval_statements_count";
        var project = "project=\"" + platform.Project.Id.ToString("N") + "\"";
        await Polling.UntilAsync(async () => await ListeningAsync() == 0, Wait, "the LISTEN connection released");
        var intervals = await PrometheusScrape.SumAsync(survivor.ManagementUrl, metric, project);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(intervals, await PrometheusScrape.SumAsync(survivor.ManagementUrl, metric, project));
    }

    /// <summary>The project's server connections whose last statement was a LISTEN (the hub ends with UNLISTEN *).</summary>
    private async Task<long> ListeningAsync() =>
        await platform.Tenant.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'platform/project/" + platform.Project.Id.ToString("N") + "' AND query ILIKE 'LISTEN%'");

    private async Task<Platform.Testing.Hosting.HostProcess> ProcessOfAsync(string hosting)
    {
        foreach (var s in platform.Hosts.Silos)
        {
            var text = await GatewayClient.Http.GetStringAsync(new Uri(s.ManagementUrl + "/readyz"));
            if (text.Contains(hosting + " active", StringComparison.Ordinal))
            {
                return s;
            }
        }

        throw new InvalidOperationException("No silo names itself " + hosting);
    }
}
