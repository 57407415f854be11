using Npgsql;

namespace Platform.Errors.Postgres;

/// <summary>Opens request connections so that a failure to get one is known as such (<see cref="ConnectionOpenException"/>).</summary>
public static class TenantConnections
{
    public static async Task<NpgsqlConnection> OpenAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        try
        {
            return await dataSource.OpenConnectionAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or IOException
            && !(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            throw new ConnectionOpenException(e);
        }
    }
}
