using Npgsql;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>What the tenant database sees of a project: its server connections, by application_name.</summary>
public static class TenantActivity
{
    public static async Task<long> ConnectionsAsync(NpgsqlDataSource tenant, Guid projectId)
    {
        await using var cmd = tenant.CreateCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1");
        cmd.Parameters.AddWithValue("platform/project/" + projectId.ToString("N"));
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
