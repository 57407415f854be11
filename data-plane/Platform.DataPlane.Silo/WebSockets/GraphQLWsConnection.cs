using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading.Channels;
using Orleans.Runtime;
using Platform.DataPlane.Abstractions.Realtime;
using Platform.DataPlane.Realtime.Protocol;
using Platform.Metadata.Keys;

namespace Platform.DataPlane.Silo.WebSockets;

/// <summary>
/// One graphql-transport-ws socket on this silo. The protocol's rules are <see cref="GraphQLWsProtocol"/>'s; this class
/// does the I/O: reads messages, sends through a bounded queue (a client that does not keep up is closed, 1008),
/// runs operations on the project's grain, receives subscription results as the grain's observer, renews its lease
/// (re-starting what a new activation lost), and closes 4403 when the end-user token expires.
/// </summary>
internal sealed class GraphQLWsConnection : ISubscriptionObserver, IDisposable
{
    private readonly WebSocket socket;
    private readonly IProjectRealtimeGrain grain;
    private readonly ApiKeyRole keyRole;
    private readonly GraphQLWsOptions options;
    private readonly TimeSpan renewEvery;
    private readonly ILogger log;
    private readonly GraphQLWsProtocol protocol;
    private readonly Channel<byte[]> outbound;
    private readonly CancellationTokenSource done = new();
    private readonly ConcurrentDictionary<string, OperationCall> subscriptions = new(StringComparer.Ordinal);
    private readonly string socketId = Guid.NewGuid().ToString("N");
    private (int Code, string Reason)? closing;
    private string? authorization;

    public GraphQLWsConnection(WebSocket socket, IProjectRealtimeGrain grain, ApiKeyRole keyRole, GraphQLWsOptions options, TimeSpan lease, ILogger log)
    {
        this.socket = socket;
        this.grain = grain;
        this.keyRole = keyRole;
        this.options = options;
        this.log = log;
        renewEvery = lease / 3;
        protocol = new GraphQLWsProtocol(options.MaxOperationsPerSocket);
        outbound = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(options.MaxQueuedMessages) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    public async Task RunAsync(IGrainFactory grains, CancellationToken aborted)
    {
        var self = grains.CreateObjectReference<ISubscriptionObserver>(this);
        using var link = CancellationTokenSource.CreateLinkedTokenSource(aborted, done.Token);
        var writer = WriteAsync();
        _ = InitTimeoutAsync(link.Token);
        var renewing = RenewAsync(self, link.Token);
        try
        {
            await ReadAsync(self, link.Token);
        }
        finally
        {
            await done.CancelAsync();
            outbound.Writer.TryComplete();
            await writer.ContinueWith(_ => { }, TaskScheduler.Default);
            await renewing.ContinueWith(_ => { }, TaskScheduler.Default);
            await AnswerCloseAsync();
            try
            {
                await grain.CloseSocket(socketId);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The grain is gone or moving; the socket's lease runs out there by itself.
                log.LogDebug(e, "Closing socket {Socket} on its grain failed", socketId);
            }

            grains.DeleteObjectReference<ISubscriptionObserver>(self);
        }
    }

    public void Dispose() => done.Dispose();

    public Task OnEvent(SubscriptionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        Act(e.Kind switch
        {
            SubscriptionEventKind.Next => protocol.Next(e.OperationId, e.Payload),
            SubscriptionEventKind.Error => Forget(e.OperationId, protocol.Error(e.OperationId, e.Payload)),
            _ => Forget(e.OperationId, protocol.Complete(e.OperationId)),
        }, null);
        return Task.CompletedTask;
    }

    private ProtocolAction? Forget(string id, ProtocolAction? action)
    {
        subscriptions.TryRemove(id, out _);
        return action;
    }

    private async Task ReadAsync(ISubscriptionObserver self, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        while (!ct.IsCancellationRequested && socket.State == WebSocketState.Open)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult r;
            do
            {
                r = await socket.ReceiveAsync(buffer, ct);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, r.Count);
                if (message.Length > options.MaxMessageBytes)
                {
                    Act(protocol.Close((int)WebSocketCloseStatus.MessageTooBig, "Message too big"), self);
                    return;
                }
            }
            while (!r.EndOfMessage);

            Act(protocol.Receive(message.GetBuffer().AsSpan(0, (int)message.Length)), self);
        }
    }

    /// <summary>Carries out one action of the protocol. Long work (grain calls) runs in the background.</summary>
    private void Act(ProtocolAction? action, ISubscriptionObserver? self)
    {
        switch (action)
        {
            case null:
                return;
            case ProtocolAction.Send send:
                if (!outbound.Writer.TryWrite(send.Message) && !done.IsCancellationRequested)
                {
                    SlowConsumer();
                }

                return;
            case ProtocolAction.Close close:
                closing = (close.Code, close.Reason);
                outbound.Writer.TryComplete();
                return;
            case ProtocolAction.Authenticate init:
                _ = AuthenticateAsync(init.Payload);
                return;
            case ProtocolAction.Start start:
                _ = StartAsync(start.Request, self!);
                return;
            case ProtocolAction.Stop stop:
                subscriptions.TryRemove(stop.Id, out _);
                _ = Quietly(() => grain.StopOperation(socketId, stop.Id));
                return;
        }
    }

    private void SlowConsumer()
    {
        if (protocol.Close(CloseCodes.SlowConsumer, "Slow consumer: messages were not read in time") is ProtocolAction.Close close)
        {
            // What is queued will never be read in time: drop it, so the close goes out next.
            while (outbound.Reader.TryRead(out _))
            {
            }

            closing = (close.Code, close.Reason);
            outbound.Writer.TryComplete();
            log.LogInformation("Socket {Socket} closed: slow consumer", socketId);
        }
    }

    private async Task AuthenticateAsync(byte[]? payload)
    {
        authorization = ConnectionParams.Authorization(payload);
        SocketAdmission admission;
        try
        {
            admission = await grain.AdmitSocket(keyRole, authorization);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogWarning(e, "connection_init could not be checked");
            Act(protocol.Close(CloseCodes.TryAgainLater, "The project is not reachable; retry shortly"), null);
            return;
        }

        if (!admission.Accepted)
        {
            Act(protocol.Forbid(), null);
            return;
        }

        Act(protocol.Accept(), null);
        if (admission.ExpiresAt is { } expires)
        {
            _ = ExpireAsync(expires);
        }
    }

    private async Task ExpireAsync(DateTimeOffset expires)
    {
        try
        {
            var wait = expires - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, done.Token);
            }

            Act(protocol.Forbid(), null);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task StartAsync(SubscribeRequest request, ISubscriptionObserver self)
    {
        var call = new OperationCall(socketId, request.Id, request.Payload, keyRole, authorization);
        OperationOutcome outcome;
        try
        {
            outcome = await grain.StartOperation(call, self);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The grain is moving (its silo died): an error would end the subscription for good in the client, a
            // close the client retries brings it back, with every other operation of this socket, once the grain is up.
            log.LogWarning(e, "Operation {Id} could not start", request.Id);
            Act(protocol.Close(CloseCodes.TryAgainLater, "The project is moving to another silo; retry shortly"), null);
            return;
        }

        switch (outcome.Kind)
        {
            case OperationOutcomeKind.Result:
                Act(protocol.Next(request.Id, outcome.Payload), null);
                Act(protocol.Complete(request.Id), null);
                break;
            case OperationOutcomeKind.Error:
                Act(protocol.Error(request.Id, outcome.Payload), null);
                break;
            default:
                subscriptions[request.Id] = call;
                if (!protocol.Running.Contains(request.Id))
                {
                    // The client completed it while it was starting.
                    subscriptions.TryRemove(request.Id, out _);
                    await Quietly(() => grain.StopOperation(socketId, request.Id));
                }

                break;
        }
    }

    /// <summary>Keeps the lease; what a new activation of the grain does not hold (its silo died) is started again.</summary>
    private async Task RenewAsync(ISubscriptionObserver self, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(renewEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (subscriptions.IsEmpty)
                {
                    continue;
                }

                string[] missing;
                try
                {
                    missing = await grain.RenewSocket(socketId, subscriptions.Keys.ToArray());
                }
                catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
                {
                    log.LogDebug(e, "Renewing socket {Socket} failed; next tick retries", socketId);
                    continue;
                }

                foreach (var id in missing)
                {
                    if (subscriptions.TryGetValue(id, out var call))
                    {
                        var outcome = await grain.StartOperation(call, self);
                        if (outcome.Kind == OperationOutcomeKind.Error)
                        {
                            Act(Forget(id, protocol.Error(id, outcome.Payload)), null);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task InitTimeoutAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(options.ConnectionInitTimeout, ct);
            Act(protocol.InitTimedOut(), null);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WriteAsync()
    {
        try
        {
            await foreach (var message in outbound.Reader.ReadAllAsync())
            {
                await socket.SendAsync(message, WebSocketMessageType.Text, true, done.Token);
            }

            if (closing is { } close && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync((WebSocketCloseStatus)close.Code, close.Reason, grace.Token);
                // Wait briefly for the client's answering close, read by the reader loop.
                await Task.Delay(TimeSpan.FromSeconds(2), done.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
        }
        finally
        {
            if (closing is not null)
            {
                await done.CancelAsync();
                socket.Abort();
            }
        }
    }

    /// <summary>The client closed first: answer with the same code, as the closing handshake asks.</summary>
    private async Task AnswerCloseAsync()
    {
        if (socket.State != WebSocketState.CloseReceived)
        {
            return;
        }

        try
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, socket.CloseStatusDescription, grace.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
        }
    }

    private async Task Quietly(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogDebug(e, "A grain call of socket {Socket} failed", socketId);
        }
    }
}
