using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.DataPlane.Grains.Realtime;

/// <summary>
/// The project's one LISTEN connection, taken from its own pool (so it counts inside the pool cap) while any listen
/// subscription exists, and given back when the last one ends. One loop owns the connection: it applies the wanted
/// channels with LISTEN/UNLISTEN between short waits for notifications, and reconnects with backoff if the connection
/// drops. Notifications are handed to <paramref name="deliver"/> off the loop.
/// </summary>
internal sealed class ListenHub(NpgsqlDataSource tenant, Func<string, string, Task> deliver, string projectTag, ILogger log) : IAsyncDisposable
{
    private static readonly int WaitMilliseconds = 200;
    private readonly CancellationTokenSource life = new();
    private readonly Lock gate = new();
    private HashSet<string> wanted = new(StringComparer.Ordinal);
    private List<TaskCompletionSource> appliedWaiters = [];
    private Task? loop;

    /// <summary>True while the connection is held.</summary>
    public bool Holding => loop is { IsCompleted: false };

    /// <summary>Sets the channels to listen on; completes once the connection listens on exactly those (or failed to).</summary>
    public Task SetChannelsAsync(IReadOnlyCollection<string> channels)
    {
        var applied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            wanted = new HashSet<string>(channels, StringComparer.Ordinal);
            appliedWaiters.Add(applied);
            if (wanted.Count > 0 && loop is not { IsCompleted: false } && !life.IsCancellationRequested)
            {
                loop = Task.Run(RunAsync);
            }
            else if (wanted.Count == 0 && loop is not { IsCompleted: false })
            {
                ReleaseWaitersLocked();
            }
        }

        // Bounded: a database that is away must not hold up a subscribe; the loop keeps trying in the background.
        return Task.WhenAny(applied.Task, Task.Delay(TimeSpan.FromSeconds(5)));
    }

    private async Task RunAsync()
    {
        var failures = 0;
        while (!life.IsCancellationRequested)
        {
            var listening = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                await using var connection = await tenant.OpenConnectionAsync(life.Token);
                connection.Notification += (_, n) => _ = deliver(n.Channel, n.Payload);
                failures = 0;
                while (!life.IsCancellationRequested)
                {
                    HashSet<string> target;
                    List<TaskCompletionSource> waiters;
                    lock (gate)
                    {
                        target = wanted;
                        waiters = appliedWaiters;
                        appliedWaiters = [];
                        if (target.Count == 0)
                        {
                            loop = null;
                        }
                    }

                    if (target.Count == 0)
                    {
                        // Nothing to listen to: the pool's reset would run only when the connection is next used, so
                        // until then the server would keep queueing notifications for it. Stop them now.
                        await ExecuteAsync(connection, "UNLISTEN *", null);
                        ReleaseWaiters(waiters);
                        return;
                    }

                    foreach (var channel in target.Except(listening).ToList())
                    {
                        await ExecuteAsync(connection, "LISTEN ", channel);
                        listening.Add(channel);
                    }

                    foreach (var channel in listening.Except(target).ToList())
                    {
                        await ExecuteAsync(connection, "UNLISTEN ", channel);
                        listening.Remove(channel);
                    }

                    ReleaseWaiters(waiters);
                    await connection.WaitAsync(WaitMilliseconds, life.Token);
                }
            }
            catch (OperationCanceledException) when (life.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                failures++;
                log.LogWarning("Project {ProjectId}: the LISTEN connection failed ({Failures} in a row): {Error}", projectTag, failures, e.Message);
                lock (gate)
                {
                    ReleaseWaitersLocked();
                }

                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 250 * (1 << Math.Min(failures, 5)))), life.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string verb, string? channel)
    {
        // A channel is an identifier: quoted, never a parameter (LISTEN takes none).
        var text = channel is null ? verb : verb + "\"" + channel.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var command = new NpgsqlCommand(text, connection);
        await command.ExecuteNonQueryAsync();
    }

    private void ReleaseWaitersLocked()
    {
        ReleaseWaiters(appliedWaiters);
        appliedWaiters = [];
    }

    private static void ReleaseWaiters(List<TaskCompletionSource> waiters)
    {
        foreach (var w in waiters)
        {
            w.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await life.CancelAsync();
        if (loop is { } running)
        {
            await running.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        life.Dispose();
    }
}
