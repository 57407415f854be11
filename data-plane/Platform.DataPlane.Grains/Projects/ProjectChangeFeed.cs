using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Metadata.Hosting;

namespace Platform.DataPlane.Grains.Projects;

/// <summary>
/// One metadata connection per silo that LISTENs on <c>platform_projects</c> (migration 0006) and tells the project
/// grains active on this silo that their project changed, so a new secret, connection, role or limit applies at once
/// (decision 0051). Grains subscribe while they are active; a project with no activation here is not woken. After a
/// lost connection every subscriber is told, because notifications sent in between are gone.
/// </summary>
public sealed class ProjectChangeFeed(MetadataDataSource metadata, ILogger<ProjectChangeFeed> log) : BackgroundService
{
    public const string Channel = "platform_projects";
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    // A silent network can hide a dead connection from WaitAsync; a cheap query now and then exposes it.
    private static readonly TimeSpan Ping = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<Guid, Func<Task>> subscribers = new();

    /// <summary>Calls <paramref name="changed"/> whenever the project's record changes, until the result is disposed.</summary>
    public IDisposable Subscribe(Guid projectId, Func<Task> changed)
    {
        subscribers[projectId] = changed;
        return new Subscription(this, projectId, changed);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = MinBackoff;
        var missed = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = await metadata.DataSource.OpenConnectionAsync(stoppingToken);
                conn.Notification += (_, e) => OnChanged(e.Payload);
                await using (var listen = new NpgsqlCommand("LISTEN " + Channel, conn))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                if (missed)
                {
                    foreach (var id in subscribers.Keys)
                    {
                        Tell(id);
                    }
                }

                backoff = MinBackoff;
                while (true)
                {
                    if (!await conn.WaitAsync(Ping, stoppingToken))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", conn);
                        await ping.ExecuteNonQueryAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                missed = true;
                log.LogWarning(e, "Project change feed lost its connection; retrying in {Backoff}", backoff);
                await Task.Delay(backoff, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private void OnChanged(string payload)
    {
        if (Guid.TryParse(payload, out var id))
        {
            Tell(id);
        }
    }

    private void Tell(Guid id)
    {
        if (!subscribers.TryGetValue(id, out var changed))
        {
            return;
        }

        // Off the notification thread: the grain call must not hold up the connection's reader.
        _ = Task.Run(async () =>
        {
            try
            {
                await changed();
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Project {ProjectId} could not take its new settings", id);
            }
        });
    }

    private sealed class Subscription(ProjectChangeFeed feed, Guid id, Func<Task> changed) : IDisposable
    {
        public void Dispose() => feed.subscribers.TryRemove(new KeyValuePair<Guid, Func<Task>>(id, changed));
    }
}
