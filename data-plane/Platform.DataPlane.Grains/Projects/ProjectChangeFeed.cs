using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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

    private readonly ConcurrentDictionary<Guid, Func<Task>> subscribers = new();

    /// <summary>Calls <paramref name="changed"/> whenever the project's record changes, until the result is disposed.</summary>
    public IDisposable Subscribe(Guid projectId, Func<Task> changed)
    {
        subscribers[projectId] = changed;
        return new Subscription(this, projectId, changed);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        MetadataListener.RunAsync(
            metadata,
            [Channel],
            (_, payload) => OnChanged(payload),
            (_, reconnected, _) =>
            {
                if (reconnected)
                {
                    foreach (var id in subscribers.Keys)
                    {
                        Tell(id);
                    }
                }

                return Task.CompletedTask;
            },
            (e, backoff) => log.LogWarning(e, "Project change feed lost its connection; retrying in {Backoff}", backoff),
            stoppingToken);

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
