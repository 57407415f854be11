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
        var server = platform.Silo.Sockets.Last();

        await ws.SendAsync(Encoding.UTF8.GetBytes("close-please"), WebSocketMessageType.Text, true, CancellationToken.None);
        var r = await ws.ReceiveAsync(new byte[1024], CancellationToken.None).WaitAsync(Bound);
        Assert.Equal(WebSocketMessageType.Close, r.MessageType);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, ws.CloseStatus);

        // The client answers the close handshake through the gateway, which ends the silo side cleanly.
        await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        Assert.Equal("server-closed", await server.Ended.Task.WaitAsync(Bound));
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

    private static async Task<int> RefusedStatusAsync(string gateway, string path, string? key)
    {
        using var ws = new ClientWebSocket();
        ws.Options.CollectHttpResponseDetails = true;
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
}
