using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Platform.EndToEnd.Tests.Fixtures;
using Xunit;

namespace Platform.EndToEnd.Tests.Attacks;

/// <summary>
/// #19, low: sockets that carry no key and name no project (the key comes later, in connection_init) all waited in one
/// gateway-wide pool, so one client opening sockets and never sending connection_init kept every other browser out
/// for as long as it kept reopening them. Each client address now holds at most its share of the pool (decision 0089).
/// Two clients on real sockets: 127.0.0.1 (the attacker) and 127.0.0.2 (a browser), both loopback addresses.
/// </summary>
public sealed class PendingSocketAttackTests(PendingSocketPlatform platform) : IClassFixture<PendingSocketPlatform>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task One_client_cannot_fill_the_pool_of_sockets_waiting_for_connection_init()
    {
        var attacker = new List<ClientWebSocket>();
        var refused = 0;
        try
        {
            // As many as the whole gateway's pool: the attacker gets its share and no more.
            for (var i = 0; i < PendingSocketPlatform.MaxPending; i++)
            {
                var (ws, status) = await TryConnectAsync(IPAddress.Loopback);
                if (ws is null)
                {
                    Assert.Equal(429, status);
                    refused++;
                }
                else
                {
                    attacker.Add(ws);
                }
            }

            Assert.Equal(PendingSocketPlatform.MaxPendingPerClient, attacker.Count);
            Assert.Equal(PendingSocketPlatform.MaxPending - PendingSocketPlatform.MaxPendingPerClient, refused);

            // Another client still gets in while the attacker's sockets wait, and is served once its init names a key.
            var project = await platform.Hosts.CreateProjectAsync(platform.Metadata.ConnectionString);
            var (browser, browserStatus) = await TryConnectAsync(IPAddress.Parse("127.0.0.2"));
            Assert.True(browser is not null, $"the other client was refused with {browserStatus}");
            using (browser)
            {
                var init = $$$"""{"type":"connection_init","payload":{"apiKey":"{{{project.AnonKey.Key}}}"}}""";
                await browser.SendAsync(Encoding.UTF8.GetBytes(init), WebSocketMessageType.Text, true, CancellationToken.None);
                var buffer = new byte[4096];
                var r = await browser.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Bound);
                var echo = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, r.Count)).RootElement.GetProperty("echo").GetString()!;
                Assert.Contains("connection_init", echo, StringComparison.Ordinal);
            }
        }
        finally
        {
            foreach (var ws in attacker)
            {
                ws.Abort();
                ws.Dispose();
            }
        }

        // The attacker's places are freed with its sockets.
        var again = await Polling.UntilAsync(async () =>
        {
            var (ws, _) = await TryConnectAsync(IPAddress.Loopback);
            ws?.Abort();
            ws?.Dispose();
            return ws is not null;
        }, Bound, "the attacker's address has room again once its sockets are gone");
        Assert.True(again < Bound);
    }

    /// <summary>A keyless graphql-transport-ws socket to /graphql from <paramref name="from"/>; null and the status when refused.</summary>
    private async Task<(ClientWebSocket? Socket, int Status)> TryConnectAsync(IPAddress from)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var ws = new ClientWebSocket();
        ws.Options.AddSubProtocol("graphql-transport-ws");
        ws.Options.CollectHttpResponseDetails = true;
        try
        {
            using var cts = new CancellationTokenSource(Bound);
            await ws.ConnectAsync(new Uri(platform.GatewayUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/graphql"), new HttpMessageInvoker(handler), cts.Token);
            return (ws, 101);
        }
        catch (WebSocketException)
        {
            var status = (int)ws.HttpStatusCode;
            ws.Dispose();
            return (null, status);
        }
    }
}
