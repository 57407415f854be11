using Npgsql;
using Platform.Metadata.Paging;

namespace Platform.Metadata.Teams;

/// <summary>Which team and role a client-credentials client acts as.</summary>
public sealed class ServiceAccountStore(NpgsqlDataSource metadata)
{
    public async Task<ServiceAccount> CreateAsync(Guid teamId, string name, string clientId, TeamRole role, CancellationToken ct = default)
    {
        var id = Guid.CreateVersion7();
        await using var cmd = metadata.CreateCommand(
            "INSERT INTO platform.service_accounts (id, team_id, name, client_id, role) VALUES ($1, $2, $3, $4, $5) RETURNING created_at");
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(teamId);
        cmd.Parameters.AddWithValue(name);
        cmd.Parameters.AddWithValue(clientId);
        cmd.Parameters.AddWithValue(role.ToWire());
        var created = new DateTimeOffset((DateTime)(await cmd.ExecuteScalarAsync(ct))!);
        return new ServiceAccount(id, teamId, name, clientId, role, created);
    }

    public async Task<Page<ServiceAccount>> ListAsync(Guid teamId, int limit, Guid? beforeId, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("""
            SELECT id, name, client_id, role, created_at FROM platform.service_accounts
            WHERE team_id = $1 AND ($2::uuid IS NULL OR id < $2) ORDER BY id DESC LIMIT $3
            """);
        cmd.Parameters.AddWithValue(teamId);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Uuid, (object?)beforeId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(limit + 1);
        var items = new List<ServiceAccount>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            items.Add(new ServiceAccount(r.GetGuid(0), teamId, r.GetString(1), r.GetString(2), TeamRoles.Parse(r.GetString(3)), r.GetFieldValue<DateTimeOffset>(4)));
        }

        return TeamStore.PageOf(items, limit, s => Cursor.Encode(s.Id));
    }

    public Task<ServiceAccount?> FindByClientIdAsync(string clientId, CancellationToken ct = default) =>
        FindAsync("client_id = $1", clientId, ct);

    public Task<ServiceAccount?> GetAsync(Guid teamId, Guid id, CancellationToken ct = default) =>
        FindAsync("id = $1 AND team_id = $2", id, ct, teamId);

    public async Task<bool> DeleteAsync(Guid teamId, Guid id, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("DELETE FROM platform.service_accounts WHERE team_id = $1 AND id = $2");
        cmd.Parameters.AddWithValue(teamId);
        cmd.Parameters.AddWithValue(id);
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    private async Task<ServiceAccount?> FindAsync(string where, object key, CancellationToken ct, Guid? teamId = null)
    {
        await using var cmd = metadata.CreateCommand("SELECT id, team_id, name, client_id, role, created_at FROM platform.service_accounts WHERE " + where);
        cmd.Parameters.AddWithValue(key);
        if (teamId is { } t)
        {
            cmd.Parameters.AddWithValue(t);
        }

        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new ServiceAccount(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), TeamRoles.Parse(r.GetString(4)), r.GetFieldValue<DateTimeOffset>(5))
            : null;
    }
}
