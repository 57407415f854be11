using System.Text.Json;
using Platform.EndToEnd.Tests.Fixtures;
using Platform.Metadata.Keys;
using Xunit;
using static Platform.EndToEnd.Tests.Fixtures.GraphQLWsDriver;

namespace Platform.EndToEnd.Tests.Realtime;

/// <summary>
/// Live queries and listen subscriptions through the gateway on a real silo: multiplexing (one statement per
/// document/role/claims group per interval, from the platform's own counters), no next without a change, listen's
/// related node under each subscriber's own row-level security, revocation, and the pool cap.
/// </summary>
public sealed class LiveAndListenTests(OneSiloRealtimePlatform platform) : IClassFixture<OneSiloRealtimePlatform>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private GraphQLWsDriver D => platform.Driver;

    [Fact]
    public async Task Live_queries_differing_only_in_variables_share_one_statement_per_group_and_interval()
    {
        // A project of its own, so no other test's subscriptions add to its counters.
        await using var tenant = new Platform.Testing.Postgres.TestDatabase();
        await tenant.InitializeAsync();
        var own = await RealtimeTenant.CreateAsync(platform.Hosts, tenant);
        var anon = await ClientAsync("mx-anon", null, own.AnonKey.Key);
        var user = await ClientAsync("mx-user", RealtimeTenant.Token(7), own.AnonKey.Key);
        const string query = "subscription($id: Int!) { counterById(id: $id) { id value } }";
        var ids = new List<string>();
        foreach (var (client, counter) in new[] { (anon, 1), (anon, 2), (anon, 3), (anon, 4), (user, 1), (user, 2) })
        {
            var id = $"{client}-{counter}";
            ids.Add(id);
            D.Send(new { cmd = "subscribe", client, id, payload = RealtimeTenant.Payload(query, new { id = counter }) });
        }

        foreach (var id in ids)
        {
            var next = await D.WaitAsync(e => Is(e, "next", "id", id), Wait, "the first result of " + id);
            Assert.Equal(id[^1..], RealtimeTenant.Data(next, "counterById", "id"));
        }

        var project = "project=\"" + own.Id.ToString("N") + "\"";
        var silo = platform.Hosts.Silos[0].ManagementUrl;
        const string metric = "platform_dataplane_live_interval_statements";
        var before = await PrometheusScrape.ScrapeAsync(silo);
        var nextsBefore = ids.Sum(id => D.Events(e => Is(e, "next", "id", id)).Count);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var after = await PrometheusScrape.ScrapeAsync(silo);
        var intervals = PrometheusScrape.Sum(after, metric + "_count", project) - PrometheusScrape.Sum(before, metric + "_count", project);
        var statements = PrometheusScrape.Sum(after, metric + "_sum", project) - PrometheusScrape.Sum(before, metric + "_sum", project);

        // Six subscribers in two groups (anonymous; user 7's claims): exactly two statements in every interval, not six.
        Assert.True(intervals >= 3, $"only {intervals} intervals ran in 3 s");
        Assert.Equal(2 * intervals, statements);

        // Nothing changed in those intervals: no subscriber got a second result.
        Assert.Equal(nextsBefore, ids.Sum(id => D.Events(e => Is(e, "next", "id", id)).Count));
        Assert.Equal(ids.Count, nextsBefore);

        D.Send(new { cmd = "dispose", client = anon });
        D.Send(new { cmd = "dispose", client = user });
    }

    [Fact]
    public async Task A_live_query_sends_next_only_when_its_result_changes()
    {
        var c = await ClientAsync("nc", null);
        D.Send(new { cmd = "subscribe", client = c, id = c, payload = RealtimeTenant.Payload("subscription { c: counterById(id: 3) { value } }") });
        await D.WaitAsync(e => Is(e, "next", "id", c), Wait, "the first result");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(D.Events(e => Is(e, "next", "id", c)));

        await platform.Tenant.ExecuteAsync("UPDATE public.counters SET value = value + 10 WHERE id = 3");
        await D.WaitAsync(e => Is(e, "next", "id", c) && D.Events(x => Is(x, "next", "id", c)).Count >= 2, Wait, "a second result after the change");
        var last = D.Events(e => Is(e, "next", "id", c))[^1];
        var first = D.Events(e => Is(e, "next", "id", c))[0];
        Assert.Equal(int.Parse(RealtimeTenant.Data(first, "c", "value")) + 10, int.Parse(RealtimeTenant.Data(last, "c", "value")));
        D.Send(new { cmd = "dispose", client = c });
    }

    [Fact]
    public async Task Listen_delivers_each_subscriber_the_related_node_its_own_row_level_security_allows()
    {
        const string query = "subscription { listen(topic: \"items\") { relatedNodeId relatedNode { ... on Item { title owner } } } }";
        var anon = await ClientAsync("ls-anon", null);
        var owner = await ClientAsync("ls-owner", RealtimeTenant.Token(41));
        D.Send(new { cmd = "subscribe", client = anon, id = anon, payload = RealtimeTenant.Payload(query) });
        D.Send(new { cmd = "subscribe", client = owner, id = owner, payload = RealtimeTenant.Payload(query) });

        // The subscribe is acknowledged by nothing in graphql-transport-ws: insert until the first event arrives, so
        // a notification sent before the LISTEN is applied does not fail the test.
        var inserted = new List<int>();
        await Polling.UntilAsync(async () =>
        {
            inserted.Add(await platform.Tenant.ScalarAsync<int>("INSERT INTO public.items (owner, title) VALUES (41, 'secret-of-41') RETURNING id"));
            await Task.Delay(300);
            return D.Events(e => Is(e, "next", "id", owner)).Count > 0 && D.Events(e => Is(e, "next", "id", anon)).Count > 0;
        }, Wait, "a listen event for both subscribers").ContinueWith(t => t.IsFaulted ? throw Explained("no listen event", anon, owner) : t.Result);

        var ownerEvent = D.Events(e => Is(e, "next", "id", owner))[0];
        var anonEvent = D.Events(e => Is(e, "next", "id", anon))[0];
        var nodeId = RealtimeTenant.Data(ownerEvent, "listen", "relatedNodeId");
        Assert.Contains(nodeId, inserted.Select(id => RealtimeTenant.NodeId("items", id)));
        Assert.Equal("secret-of-41", RealtimeTenant.Data(ownerEvent, "listen", "relatedNode", "title"));

        // Same notification, the anonymous role's policy hides the private row: the id arrives, the node does not.
        var anonSame = D.Events(e => Is(e, "next", "id", anon)).First(e => RealtimeTenant.Data(e, "listen", "relatedNodeId") == nodeId);
        Assert.Equal("null", RealtimeTenant.Data(anonSame, "listen", "relatedNode"));

        var publicId = await platform.Tenant.ScalarAsync<int>("INSERT INTO public.items (owner, title, public) VALUES (41, 'news-for-all', true) RETURNING id");
        var publicNode = RealtimeTenant.NodeId("items", publicId);
        var anonPublic = await D.WaitAsync(e => Is(e, "next", "id", anon) && RealtimeTenant.Data(e, "listen", "relatedNodeId") == publicNode, Wait, "the public item for the anonymous subscriber");
        Assert.Equal("news-for-all", RealtimeTenant.Data(anonPublic, "listen", "relatedNode", "title"));
        D.Send(new { cmd = "dispose", client = anon });
        D.Send(new { cmd = "dispose", client = owner });
    }

    [Fact]
    public async Task Listen_with_initialEvent_sends_v4s_empty_event_first_then_every_notification_after_it()
    {
        // PostGraphile 4.14.1 with pg-pubsub answers initialEvent: true with {"listen":{"relatedNodeId":null,
        // "relatedNode":null}} at once (checked against it), its query field read as the root Query, and nothing at
        // once without it.
        var topic = "initial-" + Guid.NewGuid().ToString("N")[..8];
        var c = await ClientAsync("ie", RealtimeTenant.Token(41));
        var literal = $"subscription {{ listen(topic: \"{topic}\", initialEvent: true) {{ relatedNodeId relatedNode {{ ... on Item {{ title }} }} }} }}";
        D.Send(new { cmd = "subscribe", client = c, id = c + "-lit", payload = RealtimeTenant.Payload(literal) });
        D.Send(new { cmd = "subscribe", client = c, id = c + "-var", payload = RealtimeTenant.Payload(
            "subscription($t: String!, $e: Boolean!) { l: listen(topic: $t, initialEvent: $e) { __typename relatedNodeId query { __typename c: counterById(id: 1) { id } } } }", new { t = topic, e = true }) });
        D.Send(new { cmd = "subscribe", client = c, id = c + "-none", payload = RealtimeTenant.Payload(literal.Replace(", initialEvent: true", "", StringComparison.Ordinal)) });

        var lit = await D.WaitAsync(e => Is(e, "next", "id", c + "-lit"), Wait, "the initial event (literal)");
        Assert.Equal("""{"data":{"listen":{"relatedNodeId":null,"relatedNode":null}}}""", lit.GetProperty("payload").GetRawText());
        var byVariable = await D.WaitAsync(e => Is(e, "next", "id", c + "-var"), Wait, "the initial event (variable)");
        Assert.Equal("""{"data":{"l":{"__typename":"ListenPayload","relatedNodeId":null,"query":{"__typename":"Query","c":{"id":1}}}}}""", byVariable.GetProperty("payload").GetRawText());

        // The initial event goes out once the channel is listened to: one notification sent after it reaches both.
        var id = await platform.Tenant.ScalarAsync<int>("INSERT INTO public.items (owner, title) VALUES (41, 'after-initial') RETURNING id");
        var nodeId = RealtimeTenant.NodeId("items", id);
        await platform.Tenant.ExecuteAsync($"SELECT pg_notify('postgraphile:{topic}', json_build_object('__node__', json_build_array('items', {id}))::text)");
        var second = await D.WaitAsync(e => Is(e, "next", "id", c + "-lit") && RealtimeTenant.Data(e, "listen", "relatedNodeId") == nodeId, Wait, "the notified event (literal)");
        Assert.Equal("after-initial", RealtimeTenant.Data(second, "listen", "relatedNode", "title"));
        await D.WaitAsync(e => Is(e, "next", "id", c + "-var") && RealtimeTenant.Data(e, "l", "relatedNodeId") == nodeId, Wait, "the notified event (variable)");

        // Without initialEvent the first event is a notified one (its LISTEN may start after the one above: notify again).
        await Polling.UntilAsync(async () =>
        {
            await platform.Tenant.ExecuteAsync($"SELECT pg_notify('postgraphile:{topic}', json_build_object('__node__', json_build_array('items', {id}))::text)");
            await Task.Delay(300);
            return D.Events(e => Is(e, "next", "id", c + "-none")).Count > 0;
        }, Wait, "an event without initialEvent");
        Assert.Equal(nodeId, RealtimeTenant.Data(D.Events(e => Is(e, "next", "id", c + "-none"))[0], "listen", "relatedNodeId"));
        Assert.Single(D.Events(e => Is(e, "next", "id", c + "-lit") && RealtimeTenant.Data(e, "listen", "relatedNodeId") == "null"));
        D.Send(new { cmd = "dispose", client = c });
    }

    [Fact]
    public async Task A_revoked_key_closes_its_socket_within_five_seconds()
    {
        var key = await new ApiKeyStore(platform.Hosts.MetadataSource).IssueAsync(platform.Project.Id, ApiKeyRole.Anon);
        var c = "rv-" + Guid.NewGuid().ToString("N")[..6];
        D.Send(new { cmd = "client", name = c, url = platform.Url, @params = new { apiKey = key.Key } });
        await D.WaitAsync(e => Is(e, "connected", "client", c), Wait, "connection_ack");
        D.Send(new { cmd = "subscribe", client = c, id = c, payload = RealtimeTenant.Payload("subscription { counterById(id: 1) { value } }") });
        await D.WaitAsync(e => Is(e, "next", "id", c), Wait, "the first result");

        var revoked = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await new ApiKeyStore(platform.Hosts.MetadataSource).RevokeAsync(key.Id);
        var closed = await D.WaitAsync(e => Is(e, "closed", "client", c), TimeSpan.FromSeconds(10), "the close after revocation");
        Assert.True(closed.GetProperty("at").GetInt64() - revoked < 5000, $"closed {closed.GetProperty("at").GetInt64() - revoked} ms after the revocation");
    }

    [Fact]
    public async Task The_pool_cap_holds_with_subscriptions_and_queries_together()
    {
        var poolSize = RealtimeTenant.Settings().PoolSize;
        var clients = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var c = await ClientAsync("pool" + i, RealtimeTenant.Token(100 + i));
            clients.Add(c);
            D.Send(new { cmd = "subscribe", client = c, id = c + "-live", payload = RealtimeTenant.Payload("subscription { allItems { nodes { title } } }") });
            D.Send(new { cmd = "subscribe", client = c, id = c + "-listen", payload = RealtimeTenant.Payload("subscription { listen(topic: \"items\") { relatedNodeId } }") });
        }

        long peak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, await TenantActivity.ConnectionsAsync(platform.Tenant.DataSource, platform.Project.Id));
                await Task.Delay(10);
            }
        });
        var http = Enumerable.Range(0, 40).Select(_ => GatewayClient.GraphQLAsync(platform.GatewayUrl, platform.Project.AnonKey.Key, "{ allItems { totalCount } }"));
        var answers = await Task.WhenAll(http);
        await Task.Delay(1000);
        await stop.CancelAsync();
        await sampler;

        Assert.All(answers, a => Assert.True(a.Status is 200 or 503, $"status {a.Status}"));
        Assert.Contains(answers, a => a.Status == 200);
        Assert.True(peak <= poolSize, $"{peak} connections for a pool of {poolSize}");
        foreach (var c in clients)
        {
            Assert.NotEmpty(D.Events(e => Is(e, "next", "id", c + "-live")));
            D.Send(new { cmd = "dispose", client = c });
        }
    }

    /// <summary>A failure that carries what the clients received and the silo's last log lines.</summary>
    private Xunit.Sdk.XunitException Explained(string what, params string[] clients)
    {
        var events = D.Events(e => clients.Any(c => e.ToString().Contains(c, StringComparison.Ordinal))).Select(e => e.ToString());
        var log = platform.Hosts.Silos[0].Output;
        return new Xunit.Sdk.XunitException($"{what}:\n{string.Join('\n', events)}\nsilo:\n{log[^Math.Min(4000, log.Length)..]}");
    }

    private async Task<string> ClientAsync(string name, string? token, string? key = null)
    {
        var c = name + "-" + Guid.NewGuid().ToString("N")[..6];
        key ??= platform.Project.AnonKey.Key;
        object @params = token is null ? new { apiKey = key } : new { apiKey = key, Authorization = "Bearer " + token };
        D.Send(new { cmd = "client", name = c, url = platform.Url, @params });
        await D.WaitAsync(e => Is(e, "connected", "client", c), Wait, "connection_ack of " + c);
        return c;
    }
}
