using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.DataPlane.Abstractions.Realtime;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Execution.Live;
using Platform.Metadata.Projects;

namespace Platform.DataPlane.Grains.Realtime;

/// <summary>
/// A project's subscriptions, held by its grain: starts operations, keeps the registry, runs live-query intervals and
/// the LISTEN connection. Its methods that change the registry are called from grain turns only; the work itself
/// (statements, related-node reads) runs on the thread pool.
/// </summary>
internal sealed class ProjectRealtime : IAsyncDisposable
{
    private readonly NpgsqlDataSource tenant;
    private readonly Func<GraphQLService?> service;
    private readonly RealtimeSettings settings;
    private readonly TimeSpan lease;
    private readonly SubscriptionRegistry registry = new();
    private readonly LiveQueryPoller poller;
    private readonly ListenHub listen;
    private readonly SemaphoreSlim concurrency;
    private readonly ILogger log;
    private readonly string projectTag;

    public ProjectRealtime(NpgsqlDataSource tenant, Func<GraphQLService?> service, RealtimeSettings settings, TimeSpan lease, string projectTag, ILogger log)
    {
        this.tenant = tenant;
        this.service = service;
        this.settings = settings;
        this.lease = lease;
        this.projectTag = projectTag;
        this.log = log;
        concurrency = new SemaphoreSlim(settings.MaxConcurrentLiveQueries);
        poller = new LiveQueryPoller(projectTag, log);
        listen = new ListenHub(tenant, DeliverAsync, projectTag, log);
    }

    public TimeSpan Interval => TimeSpan.FromMilliseconds(settings.LiveQueryIntervalMilliseconds);

    /// <summary>True while anything is subscribed: the grain keeps its interval timer only then.</summary>
    public bool Active => registry.Count > 0;

    public int SubscriptionCount => registry.Count;

    /// <summary>Registers a prepared live or listen operation; the outcome says whether it runs.</summary>
    public async Task<OperationOutcome> SubscribeAsync(OperationCall call, ISubscriptionObserver observer, PreparedOperation prepared, GraphQLSession? session)
    {
        if (registry.Count >= settings.MaxSubscriptions)
        {
            return new OperationOutcome(OperationOutcomeKind.Error, GraphQLService.ErrorsArray(
                [new Planning.Errors.GraphQLError($"The project already holds {settings.MaxSubscriptions} subscriptions, the most it may.", "SUBSCRIPTION_LIMIT")]));
        }

        var subscriber = new Subscriber(call.SocketId, call.OperationId, observer, session, prepared.Live, prepared.Listen);
        if (!registry.Add(subscriber, DateTimeOffset.UtcNow + lease))
        {
            return new OperationOutcome(OperationOutcomeKind.Error, GraphQLService.ErrorsArray(
                [new Planning.Errors.GraphQLError($"Subscriber for {call.OperationId} already exists.", "DUPLICATE_OPERATION")]));
        }

        try
        {
            if (prepared.Kind == OperationKind.Listen)
            {
                await listen.SetChannelsAsync(registry.Channels);
                if (prepared.Listen!.InitialEvent && service() is { } current)
                {
                    // pg-pubsub's initial event: no related node. Sent once the channel is listened to, so whatever is
                    // notified after the client saw it reaches the client too (an app refetches on it and misses nothing).
                    subscriber.Send(SubscriptionEventKind.Next, await current.RunListenAsync(tenant, prepared.Listen, null, session, CancellationToken.None));
                }
            }
        }
        finally
        {
            subscriber.MarkStarted();
        }

        return new OperationOutcome(OperationOutcomeKind.Subscribed, null);
    }

    public async Task StopAsync(string socketId, string operationId)
    {
        if (registry.Remove(socketId, operationId) is { Listen: not null })
        {
            await listen.SetChannelsAsync(registry.Channels);
        }
    }

    public async Task CloseSocketAsync(string socketId)
    {
        registry.RemoveSocket(socketId);
        await listen.SetChannelsAsync(registry.Channels);
    }

    public string[] Renew(string socketId, string[] operationIds) => registry.Renew(socketId, operationIds, DateTimeOffset.UtcNow + lease);

    /// <summary>One interval: forget sockets whose lease ran out, then run every live-query group once.</summary>
    public async Task TickAsync(CancellationToken ct)
    {
        if (registry.Expire(DateTimeOffset.UtcNow) > 0)
        {
            await listen.SetChannelsAsync(registry.Channels);
        }

        if (registry.GroupCount == 0 || service() is not { } current)
        {
            return;
        }

        var snapshot = registry.LiveSnapshot();
        var (failed, statements) = await Task.Run(() => poller.RunAsync(current, tenant, snapshot, concurrency, ct), ct);
        Telemetry.ProjectMetrics.LiveInterval(projectTag, statements);
        foreach (var s in failed)
        {
            registry.Remove(s.SocketId, s.OperationId);
        }
    }

    /// <summary>A notification: each listen subscriber of its channel gets the event, its related node read as that subscriber.</summary>
    private async Task DeliverAsync(string channel, string payload)
    {
        if (!registry.Listeners.TryGetValue(channel, out var subscribers) || service() is not { } current)
        {
            return;
        }

        var nodeId = NodeIds.FromPayload(payload);
        await Task.WhenAll(subscribers.Select(async s =>
        {
            try
            {
                await concurrency.WaitAsync();
                try
                {
                    var payload = await current.RunListenAsync(tenant, s.Listen!, nodeId, s.Session, CancellationToken.None);
                    // A notification racing the subscribe goes after its initial event, as in v4.
                    await s.Started;
                    s.Send(SubscriptionEventKind.Next, payload);
                }
                finally
                {
                    concurrency.Release();
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                log.LogWarning("Project {ProjectId}: a listen event was not delivered: {Error}", projectTag, e.Message);
            }
        }));
    }

    public async ValueTask DisposeAsync()
    {
        await listen.DisposeAsync();
        concurrency.Dispose();
    }
}
