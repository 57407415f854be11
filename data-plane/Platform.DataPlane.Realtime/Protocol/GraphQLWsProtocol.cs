
namespace Platform.DataPlane.Realtime.Protocol;

/// <summary>
/// The server side of graphql-transport-ws as a state machine: it is given each client message and each server event
/// and answers with at most one action, doing no I/O itself. Semantics follow graphql-ws's PROTOCOL.md: one
/// connection_init (a second closes 4429), nothing but ping/pong before the acknowledgement (a subscribe closes
/// 4401), unique operation ids among running operations (4409), malformed or unexpected messages close 4400, and a
/// connection without connection_init closes 4408 when its init time runs out. Thread-safe: the reader and the event sources
/// call it concurrently.
/// </summary>
public sealed class GraphQLWsProtocol(int maxOperations)
{
    private const int MaxCloseReasonBytes = 123;
    private readonly Lock gate = new();
    private readonly HashSet<string> running = new(StringComparer.Ordinal);
    private bool initReceived;

    public bool Acknowledged { get; private set; }

    public bool Closed { get; private set; }

    /// <summary>The ids of running operations.</summary>
    public IReadOnlyCollection<string> Running
    {
        get
        {
            lock (gate)
            {
                return running.ToArray();
            }
        }
    }

    public ProtocolAction? Receive(ReadOnlySpan<byte> message)
    {
        lock (gate)
        {
            if (Closed)
            {
                return null;
            }

            if (!GraphQLWsMessage.TryParse(message, out var parsed, out var problem))
            {
                return CloseLocked(CloseCodes.BadRequest, problem ?? "Invalid message received");
            }

            switch (parsed!.Type)
            {
                case MessageTypes.ConnectionInit:
                    if (initReceived)
                    {
                        return CloseLocked(CloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");
                    }

                    initReceived = true;
                    return new ProtocolAction.Authenticate(parsed.Payload);
                case MessageTypes.Ping:
                    return new ProtocolAction.Send(GraphQLWsMessage.Write(MessageTypes.Pong, null, parsed.Payload));
                case MessageTypes.Pong:
                    return null;
                case MessageTypes.Subscribe:
                    if (!Acknowledged)
                    {
                        return CloseLocked(CloseCodes.Unauthorized, "Unauthorized");
                    }

                    if (running.Contains(parsed.Id!))
                    {
                        return CloseLocked(CloseCodes.SubscriberAlreadyExists, $"Subscriber for {parsed.Id} already exists");
                    }

                    if (running.Count >= maxOperations)
                    {
                        return new ProtocolAction.Send(GraphQLWsMessage.Write(MessageTypes.Error, parsed.Id, GraphQLWsMessage.Errors(
                            $"This connection already runs {maxOperations} operations, the most it may.", "SUBSCRIPTION_LIMIT")));
                    }

                    running.Add(parsed.Id!);
                    return new ProtocolAction.Start(new SubscribeRequest(parsed.Id!, parsed.Payload!));
                case MessageTypes.Complete:
                    return running.Remove(parsed.Id!) ? new ProtocolAction.Stop(parsed.Id!) : null;
                default:
                    return CloseLocked(CloseCodes.BadRequest, $"Unexpected message of type {parsed.Type} received");
            }
        }
    }

    /// <summary>The connection_init was accepted: acknowledge it.</summary>
    public ProtocolAction? Accept()
    {
        lock (gate)
        {
            if (Closed || Acknowledged)
            {
                return null;
            }

            Acknowledged = true;
            return new ProtocolAction.Send(GraphQLWsMessage.Write(MessageTypes.ConnectionAck, null, null));
        }
    }

    /// <summary>The connection_init was refused (bad token), or the accepted token has since expired.</summary>
    public ProtocolAction? Forbid()
    {
        lock (gate)
        {
            return Closed ? null : CloseLocked(CloseCodes.Forbidden, "Forbidden");
        }
    }

    /// <summary>
    /// The init time ran out: closes unless connection_init arrived meanwhile. Only the client's part counts: the
    /// server's own check of the init (a cold project activating) is not the client's delay.
    /// </summary>
    public ProtocolAction? InitTimedOut()
    {
        lock (gate)
        {
            return Closed || initReceived ? null : CloseLocked(CloseCodes.ConnectionInitialisationTimeout, "Connection initialisation timeout");
        }
    }

    /// <summary>A result for a running operation; null when the client completed it meanwhile.</summary>
    public ProtocolAction? Next(string id, ReadOnlySpan<byte> executionResult)
    {
        lock (gate)
        {
            return Closed || !running.Contains(id) ? null : new ProtocolAction.Send(GraphQLWsMessage.Write(MessageTypes.Next, id, executionResult.ToArray()));
        }
    }

    /// <summary>The operation failed before or instead of producing results (<paramref name="errors"/>: a JSON array of GraphQL errors).</summary>
    public ProtocolAction? Error(string id, ReadOnlySpan<byte> errors)
    {
        lock (gate)
        {
            return Closed || !running.Remove(id) ? null : new ProtocolAction.Send(GraphQLWsMessage.Write(MessageTypes.Error, id, errors.ToArray()));
        }
    }

    /// <summary>The server finished the operation.</summary>
    public ProtocolAction? Complete(string id)
    {
        lock (gate)
        {
            return Closed || !running.Remove(id) ? null : new ProtocolAction.Send(GraphQLWsMessage.Write(MessageTypes.Complete, id, null));
        }
    }

    /// <summary>Closes for a reason outside the protocol (slow consumer, shutdown).</summary>
    public ProtocolAction? Close(int code, string reason)
    {
        lock (gate)
        {
            return Closed ? null : CloseLocked(code, reason);
        }
    }

    private ProtocolAction.Close CloseLocked(int code, string reason)
    {
        Closed = true;
        running.Clear();
        // A WebSocket close reason holds at most 123 bytes; graphql-ws falls back to a short generic one.
        if (System.Text.Encoding.UTF8.GetByteCount(reason) > MaxCloseReasonBytes)
        {
            reason = code == CloseCodes.BadRequest ? "Invalid message received" : reason[..Math.Min(reason.Length, 60)];
        }

        return new ProtocolAction.Close(code, reason);
    }

}
