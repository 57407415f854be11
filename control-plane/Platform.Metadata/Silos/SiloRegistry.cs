using Npgsql;

namespace Platform.Metadata.Silos;

/// <summary>
/// Data-plane silos publish their HTTP URL here and refresh it as a heartbeat; the gateway reads the fresh ones.
/// Rows older than the staleness window are treated as gone, so a killed silo drops out by itself.
/// </summary>
public sealed class SiloRegistry(NpgsqlDataSource metadata)
{
    public static readonly TimeSpan Staleness = TimeSpan.FromSeconds(10);

    public async Task HeartbeatAsync(string siloAddress, string httpUrl, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("""
            INSERT INTO platform.silos (silo_address, http_url) VALUES ($1, $2)
            ON CONFLICT (silo_address) DO UPDATE SET http_url = excluded.http_url, last_seen = now()
            """);
        cmd.Parameters.AddWithValue(siloAddress);
        cmd.Parameters.AddWithValue(httpUrl);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task RemoveAsync(string siloAddress, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("DELETE FROM platform.silos WHERE silo_address = $1");
        cmd.Parameters.AddWithValue(siloAddress);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<SiloEndpoint>> ListLiveAsync(CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand(
            "SELECT silo_address, http_url FROM platform.silos WHERE last_seen > now() - $1 ORDER BY silo_address");
        cmd.Parameters.AddWithValue(Staleness);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<SiloEndpoint>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(new SiloEndpoint(reader.GetString(0), reader.GetString(1)));
        }

        return list;
    }
}
