using System.Buffers;
using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using Platform.Gateway.Admission;
using Platform.Gateway.Limits;
using Platform.Gateway.Observability;
using Platform.Gateway.Routing;
using Platform.Metadata.Keys;
using Platform.ServiceDefaults.InternalAuth;
using Platform.Errors;
using Platform.Gateway.Errors;

namespace Platform.Gateway.WebSockets;

/// <summary>
/// graphql-transport-ws sockets whose request carried no key (browsers cannot set headers on a WebSocket). The gateway
/// accepts the socket itself, waits a bounded time for connection_init (4408 when it does not come), takes the key
/// from its payload (4403 when it is missing, unknown, revoked or of another project), applies the project's rate and
/// WebSocket limits (1013, "try again later"), then opens its own socket to the silo with the signed internal
/// headers, sends the connection_init there without the key and relays frames both ways until either side closes.
/// </summary>
internal sealed class KeyInInitSockets(
    RequestAdmission admission, OpenSocketRegistry sockets, ProjectForwarder forwarder, InternalRequestSigner signer,
    SiloHttpClient client, IOptions<GatewayLimitsOptions> options, ILogger<KeyInInitSockets> log)
{
    public const string SubProtocol = "graphql-transport-ws";
    private const int MaxInitBytes = 64 * 1024;
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);

    private readonly GatewayLimitsOptions limits = options.Value;
    private readonly PendingSockets pending = new(options.Value);

    /// <summary>True when this request is such a socket: an upgrade asking for graphql-transport-ws.</summary>
    public static bool Applies(HttpRequest request) => WebSocketRequests.IsUpgrade(request) && WebSocketHandshake.Requests(request, SubProtocol);

    /// <summary>Serves the socket to its end. <paramref name="projectId"/> is the project named by path or host, if any.</summary>
    public async Task RunAsync(HttpContext http, string? projectId)
    {
        var state = GatewayRequestState.Of(http);
        Guid? named = Guid.TryParse(projectId, out var id) ? id : null;
        var place = pending.TryEnter(named, http.Connection.RemoteIpAddress);
        if (place is null)
        {
            await GatewayErrors.WriteAsync(http, ErrorCodes.WebSocketLimit, "Too many WebSockets are waiting for connection_init; retry later.");
            return;
        }

        WebSocket? ws;
        ConnectionInit? init;
        try
        {
            ws = await WebSocketHandshake.AcceptAsync(http, SubProtocol, KeepAlive);
            if (ws is null)
            {
                await GatewayErrors.WriteAsync(http, ErrorCodes.BadWebSocketRequest, "Not a WebSocket version 13 handshake.");
                return;
            }

            init = await ReceiveInitAsync(ws, state);
        }
        finally
        {
            place.Dispose();
        }

        using (ws)
        {
            if (init is null)
            {
                return;
            }

            if (init.CloseCode != 0)
            {
                await CloseAsync(ws, (WebSocketCloseStatus)init.CloseCode, init.CloseReason!, state, "INVALID_MESSAGE");
                return;
            }

            var result = await admission.AdmitAsync(new AdmissionRequest(init.Key, projectId, "graphql", WebSocket: true), http.RequestAborted);
            if (result.Key is { } known)
            {
                state?.Project = known.ProjectId;
                state?.KeyId = known.Record.Id;
            }

            if (result.Rejection is { } rejection)
            {
                var (status, reason) = SocketRejection.CloseFor(rejection);
                await CloseAsync(ws, status, reason, state, rejection.Code);
                return;
            }

            using var admitted = result.Admitted!;
            http.Features.Set(admitted);
            var key = admitted.Key.Record;
            using var tracked = sockets.Track(admitted.Key.CacheId, http);
            var (silo, refusedBySilo) = await ConnectSiloAsync(http, key);
            using var siloSocket = silo;
            if (silo is null)
            {
                // A silo that answered and refused is a platform fault (1011); none reachable may pass (1013, retry).
                var failure = refusedBySilo
                    ? new PlatformError(ErrorCodes.UpstreamFailed, "A silo refused the WebSocket.")
                    : new PlatformError(ErrorCodes.NoSiloAvailable, "No data-plane silo is reachable.");
                var (code, reason) = SocketRejection.CloseFor(failure);
                await CloseAsync(ws, code, reason, state, failure.Code);
                return;
            }

            state?.ForwardedAt = System.Diagnostics.Stopwatch.GetTimestamp();
            await RelayAsync(ws, silo, init.Forwarded!, http.RequestAborted);
        }
    }

    /// <summary>The first message, or null when the socket was closed (4408 on timeout) or went away first.</summary>
    private async Task<ConnectionInit?> ReceiveInitAsync(WebSocket ws, GatewayRequestState? state)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxInitBytes);
        Task<int>? receive = null;
        try
        {
            // Not cancelled by token: cancelling a receive aborts the socket, and the client is owed a 4408 close.
            receive = ReceiveMessageAsync(ws, buffer);
            if (await Task.WhenAny(receive, Task.Delay(limits.ConnectionInitTimeout)) != receive)
            {
                state?.Rejection = "INIT_TIMEOUT";
                using var grace = new CancellationTokenSource(CloseGrace);
                await ws.CloseOutputAsync((WebSocketCloseStatus)4408, "Connection initialisation timeout", grace.Token);

                // The pending receive sees the client's answering close (or the socket's end).
                await Task.WhenAny(receive, Task.Delay(CloseGrace));
                return null;
            }

            return await receive switch
            {
                -1 => null,
                -2 => await TooBigAsync(ws, state),
                var count => ConnectionInit.Parse(buffer.AsSpan(0, count)),
            };
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
            return null;
        }
        finally
        {
            if (receive is { IsCompleted: false })
            {
                // Still reading into the buffer: end the socket before the buffer goes back to the pool.
                ws.Abort();
                await receive.ContinueWith(_ => { }, TaskScheduler.Default);
            }

            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<ConnectionInit?> TooBigAsync(WebSocket ws, GatewayRequestState? state)
    {
        await CloseAsync(ws, WebSocketCloseStatus.MessageTooBig, "connection_init too large", state, "INVALID_MESSAGE");
        return null;
    }

    /// <summary>Bytes of one whole text message; -1 when the client closed, -2 when it does not fit.</summary>
    private static async Task<int> ReceiveMessageAsync(WebSocket ws, byte[] buffer)
    {
        var count = 0;
        while (true)
        {
            if (count == buffer.Length)
            {
                return -2;
            }

            var r = await ws.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
            if (r.MessageType == WebSocketMessageType.Close)
            {
                return -1;
            }

            count += r.Count;
            if (r.EndOfMessage)
            {
                return count;
            }
        }
    }

    /// <summary>Closes with a code and waits briefly for the client's answer, then gives up on the socket.</summary>
    private static async Task CloseAsync(WebSocket ws, WebSocketCloseStatus code, string reason, GatewayRequestState? state, string rejection)
    {
        state?.Rejection = rejection;
        try
        {
            using var grace = new CancellationTokenSource(CloseGrace);
            await ws.CloseOutputAsync(code, reason, grace.Token);
            var buffer = new byte[256];
            while (ws.State == WebSocketState.CloseSent)
            {
                await ws.ReceiveAsync(buffer.AsMemory(), grace.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
            // The client went away or did not answer the close; nothing more is owed to it.
        }
    }

    /// <summary>A socket to the first silo that accepts; else null, and whether a silo answered and refused (rather than none being reachable).</summary>
    private async Task<(ClientWebSocket? Socket, bool RefusedBySilo)> ConnectSiloAsync(HttpContext http, ApiKeyRecord key)
    {
        var path = $"/internal/projects/{key.ProjectId}/graphql";
        foreach (var silo in forwarder.CandidatesFor(key.ProjectId))
        {
            var ws = new ClientWebSocket();
            ws.Options.AddSubProtocol(SubProtocol);
            ws.Options.KeepAliveInterval = KeepAlive;
            var uri = new UriBuilder(silo.HttpUrl.TrimEnd('/') + path + http.Request.QueryString.ToUriComponent());
            uri.Scheme = uri.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
            foreach (var (name, value) in InternalSigning.Signed(signer, key.ProjectId.ToString(), key.Role, path, uri.Uri.Query))
            {
                ws.Options.SetRequestHeader(name, value);
            }

            ws.Options.SetRequestHeader(RequestIds.Header, http.Request.Headers[RequestIds.Header]);
            try
            {
                await ws.ConnectAsync(uri.Uri, client.Invoker, http.RequestAborted);
                return (ws, false);
            }
            catch (Exception e) when (e is WebSocketException or HttpRequestException && !http.RequestAborted.IsCancellationRequested)
            {
                ws.Dispose();
                if (Refused(e))
                {
                    // Never reached a silo: safe to try the next one.
                    forwarder.ReportUnreachable(silo, key.ProjectId);
                    continue;
                }

                log.LogWarning(e, "A silo refused the WebSocket of project {Project}", key.ProjectId);
                return (null, true);
            }
        }

        return (null, false);
    }

    private static bool Refused(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Relays until both sides have closed or either fails. A close from one side is passed on to the other, whose
    /// answer comes back the same way; an abort (revocation, a dropped connection, idle time) ends both at once.
    /// </summary>
    private async Task RelayAsync(WebSocket client, WebSocket silo, byte[] init, CancellationToken aborted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        stop.CancelAfter(limits.WebSocketIdleTimeout);
        Task up = Task.CompletedTask, down = Task.CompletedTask;
        try
        {
            await silo.SendAsync(init, WebSocketMessageType.Text, true, stop.Token);
            up = PumpAsync(client, silo, stop);
            down = PumpAsync(silo, client, stop);
            var first = await Task.WhenAny(up, down);
            if (first.IsCompletedSuccessfully)
            {
                // A clean close went one way; its answer should follow the other way shortly.
                await Task.WhenAny(first == up ? down : up, Task.Delay(CloseGrace, stop.Token)).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
        }
        finally
        {
            await stop.CancelAsync();
            client.Abort();
            silo.Abort();
            await Task.WhenAll(up, down).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task PumpAsync(WebSocket from, WebSocket to, CancellationTokenSource stop)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                var r = await from.ReceiveAsync(buffer.AsMemory(), stop.Token);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    var status = from.CloseStatus ?? WebSocketCloseStatus.Empty;
                    await to.CloseOutputAsync(status, status == WebSocketCloseStatus.Empty ? null : from.CloseStatusDescription, stop.Token);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, r.Count), r.MessageType, r.EndOfMessage, stop.Token);
                stop.CancelAfter(limits.WebSocketIdleTimeout);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
            // One side failed: the other cannot be served any more.
            await stop.CancelAsync();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
