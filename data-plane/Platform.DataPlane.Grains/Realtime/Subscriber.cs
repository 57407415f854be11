using Platform.DataPlane.Abstractions.Realtime;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Execution.Live;

namespace Platform.DataPlane.Grains.Realtime;

/// <summary>One running subscription: where its results go, who it runs as, and (live queries) its last result's hash.</summary>
public sealed class Subscriber(string socketId, string operationId, ISubscriptionObserver observer, GraphQLSession? session, LiveQuery? live, ListenQuery? listen)
{
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string SocketId { get; } = socketId;

    public string OperationId { get; } = operationId;

    public ISubscriptionObserver Observer { get; } = observer;

    public GraphQLSession? Session { get; } = session;

    public LiveQuery? Live { get; } = live;

    public ListenQuery? Listen { get; } = listen;

    /// <summary>SHA-256 of the last result sent; written only by the one poll that runs this subscriber's group at a time.</summary>
    public byte[]? LastHash { get; set; }

    /// <summary>Completes once the subscribe is done (its initial event sent, if asked): notified events wait for it.</summary>
    public Task Started => started.Task;

    public void MarkStarted() => started.TrySetResult();

    public void Send(SubscriptionEventKind kind, byte[]? payload) => Observer.OnEvent(new SubscriptionEvent(OperationId, kind, payload));
}
