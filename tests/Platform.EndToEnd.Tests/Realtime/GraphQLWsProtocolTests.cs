using System.Text.Json;
using Platform.EndToEnd.Tests.Fixtures;
using Xunit;
using static Platform.EndToEnd.Tests.Fixtures.GraphQLWsDriver;

namespace Platform.EndToEnd.Tests.Realtime;

/// <summary>
/// graphql-transport-ws through the gateway to a real silo, with the real graphql-ws client and raw ws sockets:
/// acknowledgement, ping/pong, operations both ways, and every close code.
/// </summary>
public sealed class GraphQLWsProtocolTests(OneSiloRealtimePlatform platform) : IClassFixture<OneSiloRealtimePlatform>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private GraphQLWsDriver D => platform.Driver;

    [Fact]
    public async Task Queries_and_mutations_run_over_the_socket_with_the_key_in_connection_init()
    {
        var c = New("qm");
        D.Send(new { cmd = "client", name = c, url = platform.Url, @params = new { apiKey = platform.Project.AnonKey.Key } });
        await D.WaitAsync(e => Is(e, "connected", "client", c), Wait, "connection_ack");

        D.Send(new { cmd = "subscribe", client = c, id = c + "-q", payload = RealtimeTenant.Payload("{ counterById(id: 2) { value } }") });
        var next = await D.WaitAsync(e => Is(e, "next", "id", c + "-q"), Wait, "the query's result");
        Assert.Equal("100", RealtimeTenant.Data(next, "counterById", "value"));
        await D.WaitAsync(e => Is(e, "complete", "id", c + "-q"), Wait, "the query's completion");

        D.Send(new { cmd = "subscribe", client = c, id = c + "-m", payload = RealtimeTenant.Payload(
            "mutation($v: Int!) { updateCounterById(input: {id: 4, counterPatch: {value: $v}}) { counter { value } } }", new { v = 301 }) });
        next = await D.WaitAsync(e => Is(e, "next", "id", c + "-m"), Wait, "the mutation's result");
        Assert.Equal("301", RealtimeTenant.Data(next, "updateCounterById", "counter", "value"));
        await D.WaitAsync(e => Is(e, "complete", "id", c + "-m"), Wait, "the mutation's completion");

        // A validation error is an error message with GraphQL errors, and the socket stays open.
        D.Send(new { cmd = "subscribe", client = c, id = c + "-bad", payload = RealtimeTenant.Payload("{ nope }") });
        var error = await D.WaitAsync(e => Is(e, "error", "id", c + "-bad"), Wait, "the validation error");
        Assert.Contains("nope", error.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(D.Events(e => Is(e, "closed", "client", c)));
        D.Send(new { cmd = "dispose", client = c });
    }

    [Fact]
    public async Task Ack_then_ping_pong_on_a_raw_socket()
    {
        var r = await RawAsync("pp");
        Send(r, new { type = "connection_init" });
        await D.WaitAsync(e => Message(e, r, "connection_ack"), Wait, "connection_ack");
        Send(r, new { type = "ping", payload = new { n = 1 } });
        var pong = await D.WaitAsync(e => Message(e, r, "pong"), Wait, "pong");
        Assert.Equal(1, pong.GetProperty("data").GetProperty("payload").GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task Invalid_json_closes_4400()
    {
        var r = await RawAsync("bad");
        D.Send(new { cmd = "send", client = r, text = "{not json" });
        Assert.Equal(4400, await ClosedAsync(r));
    }

    [Fact]
    public async Task An_unknown_message_type_after_the_ack_closes_4400()
    {
        var r = await AckedAsync("unk");
        Send(r, new { type = "bogus" });
        Assert.Equal(4400, await ClosedAsync(r));
    }

    [Fact]
    public async Task Subscribe_before_connection_init_closes_4401()
    {
        var r = await RawAsync("early");
        Send(r, new { type = "subscribe", id = "1", payload = new { query = "{ __typename }" } });
        Assert.Equal(4401, await ClosedAsync(r));
    }

    [Fact]
    public async Task A_refused_token_closes_4403()
    {
        var c = New("tok");
        D.Send(new { cmd = "client", name = c, url = platform.UrlWithKey(), @params = new { Authorization = "Bearer not.a.token" } });
        var closed = await D.WaitAsync(e => Is(e, "closed", "client", c), Wait, "the close");
        Assert.Equal(4403, closed.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_token_expiring_mid_stream_closes_4403()
    {
        var c = New("exp");
        // The project answering first (a cold activation under load took longer than the token lived), and a token
        // long enough for the handshake and a first result on a loaded machine: the stream must be running when the
        // token expires, or this tests a refused start instead.
        await Polling.UntilAsync(async () => (await GatewayClient.GraphQLAsync(platform.GatewayUrl, platform.Project.AnonKey.Key)).Status == 200, TimeSpan.FromSeconds(60), "the project answering");
        var token = RealtimeTenant.Token(1, TimeSpan.FromSeconds(10));
        var expires = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).ValidTo;
        D.Send(new { cmd = "client", name = c, url = platform.UrlWithKey(), @params = new { Authorization = "Bearer " + token } });
        await D.WaitAsync(e => Is(e, "connected", "client", c), Wait, "connection_ack");
        D.Send(new { cmd = "subscribe", client = c, id = c + "-s", payload = RealtimeTenant.Payload("subscription { counterById(id: 1) { value } }") });
        var first = await D.WaitAsync(e => Is(e, "next", "id", c + "-s"), Wait, "the first result");
        Assert.True(first.GetProperty("at").GetInt64() < new DateTimeOffset(expires).ToUnixTimeMilliseconds(), "the first result came after the token expired");
        var closed = await D.WaitAsync(e => Is(e, "closed", "client", c), TimeSpan.FromSeconds(30), "the close at expiry");
        Assert.Equal(4403, closed.GetProperty("code").GetInt32());
        Assert.True(closed.GetProperty("at").GetInt64() >= new DateTimeOffset(expires).ToUnixTimeMilliseconds() - 500, "closed before the token expired");
    }

    [Fact]
    public async Task No_connection_init_in_time_closes_4408()
    {
        var r = await RawAsync("slow-init");
        Assert.Equal(4408, await ClosedAsync(r));
    }

    [Fact]
    public async Task A_running_operation_id_used_again_closes_4409()
    {
        var r = await AckedAsync("dup");
        var subscribe = new { type = "subscribe", id = "same", payload = new { query = "subscription { counterById(id: 1) { value } }" } };
        Send(r, subscribe);
        await D.WaitAsync(e => Message(e, r, "next"), Wait, "the live query's first result");
        Send(r, subscribe);
        Assert.Equal(4409, await ClosedAsync(r));
    }

    [Fact]
    public async Task A_second_connection_init_closes_4429()
    {
        var r = await AckedAsync("twice");
        Send(r, new { type = "connection_init" });
        Assert.Equal(4429, await ClosedAsync(r));
    }

    [Fact]
    public async Task The_client_completing_a_subscription_stops_its_results()
    {
        var r = await AckedAsync("stop");
        Send(r, new { type = "subscribe", id = "s", payload = new { query = "subscription { counterById(id: 3) { value } }" } });
        await D.WaitAsync(e => Message(e, r, "next"), Wait, "the first result");
        Send(r, new { type = "complete", id = "s" });
        await Task.Delay(500);
        await platform.Tenant.ExecuteAsync("UPDATE public.counters SET value = value + 1 WHERE id = 3");
        await Task.Delay(1500);
        Assert.Single(D.Events(e => Message(e, r, "next")));
    }

    private static string New(string name) => name + "-" + Guid.NewGuid().ToString("N")[..6];

    private async Task<string> RawAsync(string name)
    {
        var r = New(name);
        D.Send(new { cmd = "raw", name = r, url = platform.UrlWithKey() });
        await D.WaitAsync(e => Is(e, "open", "client", r), Wait, "the socket to open");
        return r;
    }

    private async Task<string> AckedAsync(string name)
    {
        var r = await RawAsync(name);
        Send(r, new { type = "connection_init", payload = new { } });
        await D.WaitAsync(e => Message(e, r, "connection_ack"), Wait, "connection_ack");
        return r;
    }

    private void Send(string client, object message) => D.Send(new { cmd = "send", client, text = JsonSerializer.Serialize(message) });

    private async Task<int> ClosedAsync(string client) =>
        (await D.WaitAsync(e => Is(e, "closed", "client", client), Wait, "the close")).GetProperty("code").GetInt32();

    private static bool Message(JsonElement e, string client, string type) =>
        Is(e, "message", "client", client) && e.GetProperty("data").GetProperty("type").GetString() == type;
}
