using Npgsql;
using Platform.Gateway.WebSockets;
using Platform.Metadata.Hosting;

namespace Platform.Gateway.Keys;

/// <summary>
/// Holds one metadata connection that LISTENs for key changes (migration 0003) and evicts the named key at once,
/// and for project changes (migration 0006), evicting every key of the project,
/// so a revocation reaches every gateway in well under a second. When the connection is lost it reconnects with
/// backoff; meanwhile the cache keeps known keys for a shorter time and the known-key filter is off, and on
/// reconnect the filter is reloaded and everything cached is dropped, because notifications sent in between are gone.
/// </summary>
internal sealed class KeyRevocationListener(
    MetadataDataSource metadata, ApiKeyCache cache, KnownKeyFilter filter, OpenSocketRegistry sockets, ILogger<KeyRevocationListener> log) : BackgroundService
{
    public const string Channel = "platform_api_keys";

    /// <summary>Any change to a project's record (migration 0006): what the gateway cached for its keys is dropped.</summary>
    public const string ProjectChannel = "platform_projects";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        MetadataListener.RunAsync(
            metadata,
            [Channel, ProjectChannel],
            (channel, payload) =>
            {
                if (channel == ProjectChannel)
                {
                    OnProjectChanged(payload);
                }
                else
                {
                    OnKeyChanged(payload);
                }
            },
            (conn, _, ct) => LoadAsync(conn, ct),
            (e, backoff) =>
            {
                cache.NotificationsLive = false;
                filter.Disable();
                log.LogWarning(e, "Key change listener lost its connection; retrying in {Backoff}", backoff);
            },
            stoppingToken);

    /// <summary>Listening first, then loading, so a key created in between is in the filter either way.</summary>
    private async Task LoadAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        filter.BeginLoad();
        await using (var load = new NpgsqlCommand("SELECT key_hash FROM platform.api_keys", conn))
        await using (var reader = await load.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                filter.Add(reader.GetFieldValue<byte[]>(0));
            }
        }

        filter.CompleteLoad();
        cache.EvictAll();
        cache.NotificationsLive = true;
        sockets.RevalidateAll();
        log.LogInformation("Listening for API key changes");
    }

    private void OnProjectChanged(string payload)
    {
        if (!Guid.TryParse(payload, out var projectId))
        {
            log.LogWarning("Ignoring a malformed project change notification");
            return;
        }

        foreach (var id in cache.EvictProject(projectId))
        {
            sockets.Revalidate(id);
        }
    }

    private void OnKeyChanged(string payload)
    {
        byte[] hash;
        try
        {
            hash = Convert.FromHexString(payload);
        }
        catch (FormatException)
        {
            log.LogWarning("Ignoring a malformed key change notification");
            return;
        }

        filter.Add(hash);
        var id = ApiKeyCache.CacheIdOf(hash);
        cache.Evict(id);
        sockets.Revalidate(id);
    }
}
