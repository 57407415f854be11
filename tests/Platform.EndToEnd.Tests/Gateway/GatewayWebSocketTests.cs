using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Platform.EndToEnd.Tests.Fixtures;
using Platform.Metadata.Keys;
using Xunit;

namespace Platform.EndToEnd.Tests.Gateway;

/// <summary>
/// WebSocket passthrough in real gateway processes, against <see cref="FakeSilo"/>: a real WebSocket server in the
/// test process registered as a silo, since the real silo has no WebSocket endpoint yet.
/// </summary>
public sealed class GatewayWebSocketTests(WebSocketPlatform platform) : IClassFixture<WebSocketPlatform>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_websocket_with_the_key_in_the_query_passes_through_with_its_subprotocol_and_without_the_key()
    {
        var project = await platform.NewProjectAsync();
        using var ws = await ConnectAsync(platform.GatewayUrls[0], $"/graphql?api_key={project.AnonKey.Key}&x=1");
        Assert.Equal("graphql-transport-ws", ws.SubProtocol);
        Assert.Equal("""{"echo":"{\u0022type\u0022:\u0022connection_init\u0022}"}""", await EchoAsync(ws, """{"type":"connection_init"}"""));

        var server = platform.Silo.Sockets.Last();
        Assert.Contains("graphql-transport-ws", server.RequestedProtocols);
        Assert.Equal("?x=1", server.Query);
        await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        Assert.Equal("client-closed", await server.Ended.Task.WaitAsync(Bound));
    }

    [Fact]
    public async Task A_websocket_with_the_key_in_a_header_works_and_a_server_close_reaches_the_client()
    {
        var project = await platform.NewProjectAsync();
        using var ws = await ConnectAsync(platform.GatewayUrls[1], $"/projects/{project.Id}/graphql", project.ServiceKey.Key);
        Assert.Contains("hello", await EchoAsync(ws, "hello"), StringComparison.Ordinal);
        await ServerCloseReachesTheClientAsync(ws, platform.Silo.Sockets.Last());
    }

    [Fact]
    public async Task Websockets_without_a_valid_key_or_over_the_project_limit_are_refused()
    {
        var project = await platform.NewProjectAsync();
        var noKey = await RefusedStatusAsync(platform.GatewayUrls[0], "/graphql", null);
        Assert.Equal(401, noKey);

        var open = new List<ClientWebSocket>();
        try
        {
            for (var i = 0; i < WebSocketPlatform.MaxWebSockets; i++)
            {
                open.Add(await ConnectAsync(platform.GatewayUrls[0], "/graphql", project.AnonKey.Key));
            }

            Assert.Equal(429, await RefusedStatusAsync(platform.GatewayUrls[0], "/graphql", project.AnonKey.Key));
        }
        finally
        {
            foreach (var ws in open)
            {
                ws.Abort();
                ws.Dispose();
            }
        }
    }

    [Fact]
    public async Task Revoking_a_key_closes_its_open_websockets_on_both_gateways_within_five_seconds()
    {
        var project = await platform.NewProjectAsync();
        var before = platform.Silo.Sockets.Count;
        using var first = await ConnectAsync(platform.GatewayUrls[0], "/graphql?api_key=" + project.AnonKey.Key);
        using var second = await ConnectAsync(platform.GatewayUrls[1], "/graphql", project.AnonKey.Key);
        using var survivor = await ConnectAsync(platform.GatewayUrls[1], "/graphql", project.ServiceKey.Key);
        await EchoAsync(first, "a");
        await EchoAsync(second, "b");
        var serverSides = platform.Silo.Sockets.Skip(before).ToList();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await new ApiKeyStore(platform.Metadata.DataSource).RevokeAsync(project.AnonKey.Id);
        await Task.WhenAll(ClosedAsync(first), ClosedAsync(second)).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"sockets closed after {watch.Elapsed}");

        // The silo side of both closed as well, and the other key's socket is still open.
        var ended = await Task.WhenAll(serverSides.Take(2).Select(s => s.Ended.Task.WaitAsync(Bound)));
        Assert.All(ended, e => Assert.Equal("aborted", e));
        Assert.Contains("still", await EchoAsync(survivor, "still"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_in_connection_init_opens_a_relayed_socket_and_the_silo_gets_the_init_without_the_key()
    {
        var project = await platform.NewProjectAsync();
        using var ws = await ConnectAsync(platform.GatewayUrls[0], "/graphql?x=1");
        Assert.Equal("graphql-transport-ws", ws.SubProtocol);
        var init = await InitAsync(ws, $$$"""{"type":"connection_init","payload":{"apiKey":"{{{project.AnonKey.Key}}}","client":"web"}}""");
        Assert.Equal("connection_init", init.GetProperty("type").GetString());
        Assert.Equal("web", init.GetProperty("payload").GetProperty("client").GetString());
        Assert.False(init.GetProperty("payload").TryGetProperty("apiKey", out _));

        var server = platform.Silo.Sockets.Last();
        Assert.Contains("graphql-transport-ws", server.RequestedProtocols);
        Assert.Equal("?x=1", server.Query);
        await EchoAsync(ws, """{"type":"ping"}""");
        await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        Assert.Equal("client-closed", await server.Ended.Task.WaitAsync(Bound));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, ws.CloseStatus);
    }

    [Fact]
    public async Task A_key_in_connection_init_headers_works_on_a_project_endpoint_and_a_server_close_reaches_the_client()
    {
        var project = await platform.NewProjectAsync();
        using var ws = await ConnectAsync(platform.GatewayUrls[1], $"/projects/{project.Id}/graphql");
        var init = await InitAsync(ws, $$$$"""{"type":"connection_init","payload":{"headers":{"x-api-key":"{{{{project.ServiceKey.Key}}}}","X-Other":"1"}}}""");
        Assert.Equal("1", init.GetProperty("payload").GetProperty("headers").GetProperty("X-Other").GetString());
        await ServerCloseReachesTheClientAsync(ws, platform.Silo.Sockets.Last());
    }

    [Fact]
    public async Task Connection_init_without_a_usable_key_gets_4403_silence_gets_4408_and_other_messages_4401()
    {
        var a = await platform.NewProjectAsync();
        var b = await platform.NewProjectAsync();
        var before = platform.Silo.Sockets.Count;

        Assert.Equal(4403, await CloseCodeAfterAsync("/graphql", """{"type":"connection_init","payload":{"apiKey":"pk_a_madeup"}}"""));
        Assert.Equal(4403, await CloseCodeAfterAsync("/graphql", """{"type":"connection_init","payload":{}}"""));
        Assert.Equal(4403, await CloseCodeAfterAsync($"/projects/{a.Id}/graphql", $$$"""{"type":"connection_init","payload":{"apiKey":"{{{b.AnonKey.Key}}}"}}"""));
        Assert.Equal(4401, await CloseCodeAfterAsync("/graphql", """{"id":"1","type":"subscribe","payload":{"query":"subscription { x }"}}"""));
        Assert.Equal(4400, await CloseCodeAfterAsync("/graphql", "not json"));

        // The fixture's connection_init timeout is 2 s.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(4408, await CloseCodeAfterAsync("/graphql", null));
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(6));

        // None of them reached the silo.
        Assert.Equal(before, platform.Silo.Sockets.Count);
    }

    [Fact]
    public async Task A_connection_init_socket_counts_against_the_project_limit_and_is_closed_on_revocation()
    {
        var project = await platform.NewProjectAsync();
        using var first = await ConnectAsync(platform.GatewayUrls[0], "/graphql");
        await InitAsync(first, $$$"""{"type":"connection_init","payload":{"apiKey":"{{{project.AnonKey.Key}}}"}}""");
        var serverSide = platform.Silo.Sockets.Last();
        using (var second = await ConnectAsync(platform.GatewayUrls[0], "/graphql", project.AnonKey.Key))
        {
            // The limit is two per project on each gateway: a third, keyed in its init, is told to try again later.
            Assert.Equal(1013, await CloseCodeAfterAsync("/graphql", $$$"""{"type":"connection_init","payload":{"apiKey":"{{{project.AnonKey.Key}}}"}}"""));
            second.Abort();
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await new ApiKeyStore(platform.Metadata.DataSource).RevokeAsync(project.AnonKey.Id);
        await ClosedAsync(first).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"socket closed after {watch.Elapsed}");
        Assert.Equal("aborted", await serverSide.Ended.Task.WaitAsync(Bound));
    }

    [Fact]
    public async Task Sockets_waiting_for_connection_init_are_held_to_a_pool_per_project_so_one_project_cannot_take_them_all()
    {
        var a = await platform.NewProjectAsync();
        var b = await platform.NewProjectAsync();
        var gateway = platform.GatewayUrls[0];
        var waiting = new List<ClientWebSocket>();
        for (var i = 0; i < WebSocketPlatform.MaxPendingPerProject; i++)
        {
            waiting.Add(await ConnectAsync(gateway, $"/projects/{a.Id}/graphql"));
        }

        // Project A's pool is full: one more for A is refused before the upgrade, but B's browsers still get in.
        Assert.Equal(429, await RefusedStatusAsync(gateway, $"/projects/{a.Id}/graphql", null, "graphql-transport-ws"));
        using (var other = await ConnectAsync(gateway, $"/projects/{b.Id}/graphql"))
        {
            await InitAsync(other, $$$"""{"type":"connection_init","payload":{"apiKey":"{{{b.AnonKey.Key}}}"}}""");
        }

        // A's waiting sockets end at their connection_init timeout (4408), and A has room again.
        foreach (var ws in waiting)
        {
            await ClosedAsync(ws).WaitAsync(Bound);
            Assert.Equal(4408, (int)ws.CloseStatus!.Value);
            ws.Dispose();
        }

        using var again = await ConnectAsync(gateway, $"/projects/{a.Id}/graphql");
        await InitAsync(again, $$$"""{"type":"connection_init","payload":{"apiKey":"{{{a.AnonKey.Key}}}"}}""");
    }

    /// <summary>Sends connection_init and returns the message the silo received in its place (the fake silo echoes it).</summary>
    private static async Task<JsonElement> InitAsync(ClientWebSocket ws, string init)
    {
        await ws.SendAsync(Encoding.UTF8.GetBytes(init), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[4096];
        var r = await ws.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Bound);
        Assert.Equal(WebSocketMessageType.Text, r.MessageType);
        var received = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, r.Count)).RootElement.GetProperty("echo").GetString()!;
        Assert.DoesNotContain("pk_", received, StringComparison.Ordinal);
        return JsonDocument.Parse(received).RootElement.Clone();
    }

    /// <summary>Opens a socket without a key, sends the message (if any) and returns the close code the gateway answers with.</summary>
    private async Task<int> CloseCodeAfterAsync(string path, string? message)
    {
        using var ws = await ConnectAsync(platform.GatewayUrls[0], path);
        if (message is not null)
        {
            await ws.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);
        }

        var r = await ws.ReceiveAsync(new byte[1024], CancellationToken.None).WaitAsync(Bound);
        Assert.Equal(WebSocketMessageType.Close, r.MessageType);
        return (int)ws.CloseStatus!.Value;
    }

    private static async Task ClosedAsync(ClientWebSocket ws)
    {
        try
        {
            var r = await ws.ReceiveAsync(new byte[1024], CancellationToken.None);
            Assert.Equal(WebSocketMessageType.Close, r.MessageType);
        }
        catch (WebSocketException)
        {
            // Aborted by the gateway: the connection dropped without a close frame.
        }
    }

    private static async Task<ClientWebSocket> ConnectAsync(string gateway, string pathAndQuery, string? key = null)
    {
        var ws = new ClientWebSocket();
        ws.Options.AddSubProtocol("graphql-transport-ws");
        if (key is not null)
        {
            ws.Options.SetRequestHeader("X-Api-Key", key);
        }

        using var cts = new CancellationTokenSource(Bound);
        await ws.ConnectAsync(new Uri(gateway.Replace("http://", "ws://", StringComparison.Ordinal) + pathAndQuery), cts.Token);
        return ws;
    }

    private static async Task<int> RefusedStatusAsync(string gateway, string path, string? key, string? subProtocol = null)
    {
        using var ws = new ClientWebSocket();
        ws.Options.CollectHttpResponseDetails = true;
        if (subProtocol is not null)
        {
            ws.Options.AddSubProtocol(subProtocol);
        }

        if (key is not null)
        {
            ws.Options.SetRequestHeader("X-Api-Key", key);
        }

        await Assert.ThrowsAsync<WebSocketException>(() => ws.ConnectAsync(new Uri(gateway.Replace("http://", "ws://", StringComparison.Ordinal) + path), CancellationToken.None));
        return (int)ws.HttpStatusCode;
    }

    private static async Task<string> EchoAsync(ClientWebSocket ws, string text)
    {
        await ws.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[4096];
        var r = await ws.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Bound);
        var answer = Encoding.UTF8.GetString(buffer, 0, r.Count);
        Assert.Equal(text, JsonDocument.Parse(answer).RootElement.GetProperty("echo").GetString());
        return answer;
    }

    /// <summary>The silo closes; the close reaches the client, whose answer through the gateway ends the silo side cleanly.</summary>
    private static async Task ServerCloseReachesTheClientAsync(ClientWebSocket ws, FakeSiloSocket server)
    {
        await ws.SendAsync(Encoding.UTF8.GetBytes("close-please"), WebSocketMessageType.Text, true, CancellationToken.None);
        var r = await ws.ReceiveAsync(new byte[1024], CancellationToken.None).WaitAsync(Bound);
        Assert.Equal(WebSocketMessageType.Close, r.MessageType);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, ws.CloseStatus);
        await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        Assert.Equal("server-closed", await server.Ended.Task.WaitAsync(Bound));
    }
}
