using System.Text.Json;
using Platform.EndToEnd.Tests.Fixtures;
using Platform.Metadata.Projects;
using Platform.Testing.Postgres;
using Xunit;
using static Platform.EndToEnd.Tests.Fixtures.GraphQLWsDriver;

namespace Platform.EndToEnd.Tests.Realtime;

/// <summary>
/// #16's limits on a real silo through the gateway: operations per socket (the silo's limit set to
/// <see cref="SocketLimitRealtimePlatform.MaxOperationsPerSocket"/>), subscriptions per project, the project's live-query
/// statements bounded so it cannot take the whole pool, and a client that stops reading closed instead of buffered for.
/// </summary>
public sealed class RealtimeLimitsTests(SocketLimitRealtimePlatform platform) : IClassFixture<SocketLimitRealtimePlatform>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private GraphQLWsDriver D => platform.Driver;

    [Fact]
    public async Task A_socket_refuses_the_operation_past_its_limit_with_SUBSCRIPTION_LIMIT_and_its_others_keep_running()
    {
        const int limit = SocketLimitRealtimePlatform.MaxOperationsPerSocket;
        var c = await ClientAsync("sock", platform.Project.AnonKey.Key);
        var ids = Enumerable.Range(1, limit).Select(n => $"{c}-{n}").ToList();
        for (var n = 1; n <= limit; n++)
        {
            D.Send(new { cmd = "subscribe", client = c, id = ids[n - 1], payload = RealtimeTenant.Payload($"subscription {{ counterById(id: {n}) {{ value }} }}") });
        }

        foreach (var id in ids)
        {
            await D.WaitAsync(e => Is(e, "next", "id", id), Wait, id + "'s first result");
        }

        var over = $"{c}-over";
        D.Send(new { cmd = "subscribe", client = c, id = over, payload = RealtimeTenant.Payload("subscription { counterById(id: 4) { value } }") });
        var refused = await D.WaitAsync(e => Is(e, "error", "id", over), Wait, "the operation past the socket's limit refused");
        Assert.Equal("SUBSCRIPTION_LIMIT", refused.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains($"already runs {limit} operations", refused.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);

        // The socket stays open and its running subscriptions keep delivering: each sees the change made after the refusal.
        var before = ids.ToDictionary(id => id, id => D.Events(e => Is(e, "next", "id", id)).Count);
        await platform.Tenant.ExecuteAsync($"UPDATE public.counters SET value = value + 1 WHERE id <= {limit}");
        foreach (var id in ids)
        {
            await D.WaitAsync(e => Is(e, "next", "id", id) && D.Events(x => Is(x, "next", "id", id)).Count > before[id], Wait, id + "'s result after the change");
        }

        Assert.Empty(D.Events(e => Is(e, "closed", "client", c)));
        Assert.Empty(D.Events(e => Is(e, "next", "id", over)));

        // The limit is the socket's: another socket of the same project subscribes, and a completed operation frees a slot.
        var other = await ClientAsync("sock2", platform.Project.AnonKey.Key);
        D.Send(new { cmd = "subscribe", client = other, id = other, payload = RealtimeTenant.Payload("subscription { counterById(id: 4) { value } }") });
        await D.WaitAsync(e => Is(e, "next", "id", other), Wait, "a subscription on another socket");
        D.Send(new { cmd = "unsubscribe", id = ids[0] });
        await Polling.UntilAsync(async () =>
        {
            var id = $"{c}-again-{Guid.NewGuid():N}";
            D.Send(new { cmd = "subscribe", client = c, id, payload = RealtimeTenant.Payload("subscription { counterById(id: 4) { value } }") });
            await Task.Delay(500);
            return D.Events(e => Is(e, "next", "id", id)).Count > 0;
        }, Wait, "a subscription after one of the socket's completed");
        D.Send(new { cmd = "dispose", client = c });
        D.Send(new { cmd = "dispose", client = other });
    }

    [Fact]
    public async Task A_project_refuses_subscriptions_past_its_limit_with_SUBSCRIPTION_LIMIT()
    {
        await using var tenant = new TestDatabase();
        await tenant.InitializeAsync();
        var own = await RealtimeTenant.CreateAsync(platform.Hosts, tenant, realtime: new RealtimeSettings { LiveQueryIntervalMilliseconds = 300, MaxSubscriptions = 2 });
        var c = await ClientAsync("lim", own.AnonKey.Key);
        foreach (var n in new[] { 1, 2, 3 })
        {
            D.Send(new { cmd = "subscribe", client = c, id = $"{c}-{n}", payload = RealtimeTenant.Payload($"subscription {{ counterById(id: {n}) {{ value }} }}") });
            if (n < 3)
            {
                await D.WaitAsync(e => Is(e, "next", "id", $"{c}-{n}"), Wait, $"subscription {n}'s first result");
            }
        }

        var refused = await D.WaitAsync(e => Is(e, "error", "id", $"{c}-3"), Wait, "the third subscription refused");
        Assert.Equal("SUBSCRIPTION_LIMIT", refused.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        // A slot freed is a slot usable again.
        D.Send(new { cmd = "unsubscribe", id = $"{c}-1" });
        await Polling.UntilAsync(async () =>
        {
            var id = $"{c}-again-{Guid.NewGuid():N}";
            D.Send(new { cmd = "subscribe", client = c, id, payload = RealtimeTenant.Payload("subscription { counterById(id: 4) { value } }") });
            await Task.Delay(500);
            return D.Events(e => Is(e, "next", "id", id)).Count > 0;
        }, Wait, "a subscription after one ended");
        D.Send(new { cmd = "dispose", client = c });
    }

    [Fact]
    public async Task A_project_runs_at_most_its_maxConcurrentLiveQueries_statements_at_once()
    {
        await using var tenant = new TestDatabase();
        await tenant.InitializeAsync();
        const string slow = """
            CREATE FUNCTION public.counters_slow_value(c public.counters) RETURNS int LANGUAGE sql STABLE
              AS 'SELECT c.value FROM pg_sleep(0.25)';
            """;
        var own = await RealtimeTenant.CreateAsync(platform.Hosts, tenant, poolSize: 6,
            realtime: new RealtimeSettings { LiveQueryIntervalMilliseconds = 200, MaxConcurrentLiveQueries = 1 }, extraSchema: slow);

        // Three groups (anonymous, users 1 and 2): three statements each interval, which could run side by side.
        var clients = new[] { await ClientAsync("cc0", own.AnonKey.Key), await ClientAsync("cc1", own.AnonKey.Key, RealtimeTenant.Token(1)), await ClientAsync("cc2", own.AnonKey.Key, RealtimeTenant.Token(2)) };
        foreach (var c in clients)
        {
            D.Send(new { cmd = "subscribe", client = c, id = c, payload = RealtimeTenant.Payload("subscription { counterById(id: 1) { slowValue } }") });
        }

        foreach (var c in clients)
        {
            await D.WaitAsync(e => Is(e, "next", "id", c), Wait, "the first result of " + c);
        }

        long peak = 0;
        var samples = 0;
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        while (DateTime.UtcNow < until)
        {
            peak = Math.Max(peak, await tenant.ScalarAsync<long>(
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%counters_slow_value%' AND application_name = 'platform/project/" + own.Id.ToString("N") + "'"));
            samples++;
            await Task.Delay(20);
        }

        Assert.True(samples > 10, $"only {samples} samples");
        Assert.Equal(1, peak);
        foreach (var c in clients)
        {
            D.Send(new { cmd = "dispose", client = c });
        }
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_closed_as_a_slow_consumer_not_buffered_for()
    {
        var r = "slow-" + Guid.NewGuid().ToString("N")[..6];
        D.Send(new { cmd = "raw", name = r, url = platform.UrlWithKey(), quiet = true });
        await D.WaitAsync(e => Is(e, "open", "client", r), Wait, "the socket to open");
        Send(r, new { type = "connection_init" });
        await D.WaitAsync(e => Is(e, "message", "client", r) && e.GetProperty("data").GetProperty("type").GetString() == "connection_ack", Wait, "connection_ack");
        Send(r, new { type = "subscribe", id = "flood", payload = RealtimeTenant.Payload("subscription { listen(topic: \"flood\") { relatedNodeId } }") });
        await Task.Delay(1000);
        D.Send(new { cmd = "pause", client = r });

        // About 50 MB of events (each relatedNodeId near 8 kB), far past the socket buffers on the way and the
        // silo's queue; distinct payloads, since PostgreSQL folds equal notifications of one transaction.
        const int sent = 6000;
        await platform.Tenant.ExecuteAsync($"""
            SELECT pg_notify('postgraphile:flood', json_build_object('__node__', json_build_array('items', i::text || repeat('x', 5800)))::text)
            FROM generate_series(1, {sent}) AS i
            """);
        await Polling.UntilAsync(async () => platform.Hosts.Silos[0].Output.Contains("closed: slow consumer", StringComparison.Ordinal), Wait, "the silo closing the slow consumer");

        D.Send(new { cmd = "resume", client = r });
        var closed = await D.WaitAsync(e => Is(e, "closed", "client", r), Wait, "the client seeing its socket closed");
        Assert.True(closed.GetProperty("nexts").GetInt32() < sent, $"{closed.GetProperty("nexts").GetInt32()} of {sent} events were buffered and delivered");
        var code = closed.GetProperty("code").GetInt32();
        Assert.True(code is 1008 or 1006, $"closed {code}");
    }

    private void Send(string client, object message) => D.Send(new { cmd = "send", client, text = JsonSerializer.Serialize(message) });

    private async Task<string> ClientAsync(string name, string key, string? token = null)
    {
        var c = name + "-" + Guid.NewGuid().ToString("N")[..6];
        object @params = token is null ? new { apiKey = key } : new { apiKey = key, Authorization = "Bearer " + token };
        D.Send(new { cmd = "client", name = c, url = platform.Url, @params });
        await D.WaitAsync(e => Is(e, "connected", "client", c), Wait, "connection_ack of " + c);
        return c;
    }
}
