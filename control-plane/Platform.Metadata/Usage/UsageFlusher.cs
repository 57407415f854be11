using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Metadata.Keys;

namespace Platform.Metadata.Usage;

/// <summary>
/// Writes what a host recorded into the metadata database, off the request path: every few seconds the minutes that
/// are over (one row per project each) and the API keys due a last_used_at; everything left at shutdown.
/// A failed write is logged and dropped: usage is an estimate for charts, never worth retrying into an outage.
/// </summary>
public sealed class UsageFlusher(
    UsageRecorder usage, UsageStore store, ApiKeyStore keys, KeyUseRecorder? keyUse, string host, TimeSpan interval, ILogger<UsageFlusher> log)
    : BackgroundService
{
    /// <summary>A host's name in the usage table: its role, machine and process, so two hosts on one machine stay apart.</summary>
    public static string HostName(string role) => $"{role}/{Environment.MachineName}/{Environment.ProcessId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(all: false, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes the rest.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(all: true, cancellationToken);
    }

    private async Task FlushAsync(bool all, CancellationToken ct)
    {
        try
        {
            await store.WriteAsync(usage.TakeFinished(host, all), ct);
            if (keyUse is not null)
            {
                await keys.MarkUsedAsync(keyUse.TakeDue(), ct);
            }
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or OperationCanceledException or TimeoutException)
        {
            log.LogWarning(e, "Usage could not be written; this interval's counts are dropped.");
        }
    }
}
