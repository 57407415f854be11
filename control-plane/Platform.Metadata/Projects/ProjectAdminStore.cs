using Npgsql;
using NpgsqlTypes;
using Platform.Metadata.Paging;
using Platform.Metadata.Security;
using Platform.Metadata.Teams;

namespace Platform.Metadata.Projects;

/// <summary>
/// Projects as the control plane's API manages them: owned by a team, settings edited with optimistic concurrency,
/// the connection string replaced whole. Secrets are encrypted before they reach the database, as in ProjectStore,
/// which stays the data plane's reader.
/// </summary>
public sealed class ProjectAdminStore(NpgsqlDataSource metadata, SecretProtector protector)
{
    private const string SummaryColumns = "id, team_id, name, created_at, updated_at, connection_masked, connection_checked_at, server_version";

    /// <summary>Null when the team already has a project of that name (names are unique platform-wide today).</summary>
    public async Task<Guid?> CreateAsync(Guid teamId, string name, string normalizedConnectionString, string? serverVersion, ProjectSettings settings, CancellationToken ct = default)
    {
        settings.Validate();
        var id = Guid.CreateVersion7();
        await using var cmd = metadata.CreateCommand("""
            INSERT INTO platform.projects (id, team_id, name, connection_string_enc, jwt_secret_enc, pool_size, settings,
                connection_masked, connection_checked_at, server_version)
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, now(), $9)
            ON CONFLICT (name) DO NOTHING
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(teamId);
        cmd.Parameters.AddWithValue(name);
        cmd.Parameters.AddWithValue(protector.Protect(normalizedConnectionString, id));
        cmd.Parameters.AddWithValue(NpgsqlDbType.Bytea, settings.Jwt?.Secret is { } secret ? protector.Protect(secret, id) : DBNull.Value);
        cmd.Parameters.AddWithValue(settings.PoolSize);
        cmd.Parameters.AddWithValue(settings.ToStoredJson());
        cmd.Parameters.AddWithValue(ConnectionStringMask.Mask(normalizedConnectionString));
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)serverVersion ?? DBNull.Value);
        return await cmd.ExecuteNonQueryAsync(ct) == 1 ? id : null;
    }

    public async Task<ProjectSummary?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand($"SELECT {SummaryColumns} FROM platform.projects WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    public async Task<ProjectSummary?> FindByNameAsync(string name, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand($"SELECT {SummaryColumns} FROM platform.projects WHERE name = $1");
        cmd.Parameters.AddWithValue(name);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    /// <summary>Gives a team-less project (made before teams existed, e.g. by an older run.sh) to a team; false when it already has one.</summary>
    public async Task<bool> AdoptAsync(Guid id, Guid teamId, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("UPDATE platform.projects SET team_id = $2, updated_at = now() WHERE id = $1 AND team_id IS NULL");
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(teamId);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<Page<ProjectSummary>> ListAsync(Guid teamId, int limit, string? afterName, Guid? afterId, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand($"""
            SELECT {SummaryColumns} FROM platform.projects
            WHERE team_id = $1 AND ($2::text IS NULL OR (name, id) > ($2, $3))
            ORDER BY name, id LIMIT $4
            """);
        cmd.Parameters.AddWithValue(teamId);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)afterName ?? DBNull.Value);
        cmd.Parameters.AddWithValue(afterId ?? Guid.Empty);
        cmd.Parameters.AddWithValue(limit + 1);
        var items = new List<ProjectSummary>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            items.Add(Read(r));
        }

        return TeamStore.PageOf(items, limit, p => Cursor.Encode(p.Name, p.Id));
    }

    /// <summary>False when another project already has the name.</summary>
    public async Task<bool> RenameAsync(Guid id, string name, CancellationToken ct = default)
    {
        try
        {
            await using var cmd = metadata.CreateCommand("UPDATE platform.projects SET name = $2, updated_at = now() WHERE id = $1");
            cmd.Parameters.AddWithValue(id);
            cmd.Parameters.AddWithValue(name);
            await cmd.ExecuteNonQueryAsync(ct);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }

    /// <summary>Deletes the project; its keys go with it (each deleted key row notifies the gateways, who drop it at once).</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("DELETE FROM platform.projects WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    public async Task<StoredSettings?> GetSettingsAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("SELECT settings::text, pool_size, jwt_secret_enc IS NOT NULL, " + ETagSql + " FROM platform.projects WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            return null;
        }

        var settings = ProjectSettings.Parse(r.GetString(0)) with { PoolSize = r.GetInt32(1) };
        return new StoredSettings(settings, r.GetBoolean(2), r.GetString(3));
    }

    /// <summary>
    /// Replaces the settings when <paramref name="expectedETag"/> is still current, in one statement, so two editors
    /// cannot both win. A JWT section without a secret keeps the stored one. Returns the new ETag, or null when the
    /// project is gone or the tag is stale (the caller tells which by reading again).
    /// </summary>
    public async Task<string?> UpdateSettingsAsync(Guid id, ProjectSettings settings, string expectedETag, CancellationToken ct = default)
    {
        var keepSecret = settings.Jwt is { Secret: null };
        await using var conn = await metadata.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        string? etag;
        await using (var cmd = new NpgsqlCommand($"""
            UPDATE platform.projects SET settings = $2::jsonb, pool_size = $3,
                jwt_secret_enc = CASE WHEN $4 THEN jwt_secret_enc ELSE $5 END, updated_at = now()
            WHERE id = $1 AND {ETagSql} = $6
            RETURNING {ETagSql}
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue(id);
            cmd.Parameters.AddWithValue(settings.ToStoredJson());
            cmd.Parameters.AddWithValue(settings.PoolSize);
            cmd.Parameters.AddWithValue(keepSecret);
            cmd.Parameters.AddWithValue(NpgsqlDbType.Bytea, settings.Jwt?.Secret is { } secret ? protector.Protect(secret, id) : DBNull.Value);
            cmd.Parameters.AddWithValue(expectedETag);
            etag = await cmd.ExecuteScalarAsync(ct) as string;
        }

        if (etag is not null)
        {
            await NotifyKeysAsync(conn, tx, id, ct);
        }

        await tx.CommitAsync(ct);
        return etag;
    }

    /// <summary>Settings from a deployment's project file: no concurrency check (the repository is the source), the secret kept when the file has none.</summary>
    public async Task ReplaceSettingsAsync(Guid id, ProjectSettings settings, CancellationToken ct = default)
    {
        var current = await GetSettingsAsync(id, ct) ?? throw new InvalidOperationException("The project no longer exists.");
        if (await UpdateSettingsAsync(id, settings, current.ETag, ct) is null)
        {
            // Someone saved in between; the repository's file wins, as it would a moment later.
            await ReplaceSettingsAsync(id, settings, ct);
        }
    }

    public async Task UpdateConnectionAsync(Guid id, string normalizedConnectionString, string? serverVersion, CancellationToken ct = default)
    {
        await using var conn = await metadata.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand("""
            UPDATE platform.projects SET connection_string_enc = $2, connection_masked = $3, server_version = $4,
                connection_checked_at = now(), updated_at = now()
            WHERE id = $1
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue(id);
            cmd.Parameters.AddWithValue(protector.Protect(normalizedConnectionString, id));
            cmd.Parameters.AddWithValue(ConnectionStringMask.Mask(normalizedConnectionString));
            cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)serverVersion ?? DBNull.Value);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await NotifyKeysAsync(conn, tx, id, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The decrypted connection string, for the control plane's own work on the tenant database (deployments).</summary>
    public async Task<string?> ConnectionStringAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("SELECT connection_string_enc FROM platform.projects WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        return await cmd.ExecuteScalarAsync(ct) is byte[] enc ? protector.Unprotect(enc, id) : null;
    }

    /// <summary>Hash of everything an editor of the settings sees or keeps; any write of the secret changes it too (fresh nonce).</summary>
    private const string ETagSql = "md5(settings::text || ':' || pool_size || ':' || coalesce(encode(jwt_secret_enc, 'hex'), ''))";

    /// <summary>Gateways keep a project's limits with its keys; naming the keys makes them re-read (see migration 0003).</summary>
    private static async Task NotifyKeysAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, CancellationToken ct)
    {
        await using var notify = new NpgsqlCommand(
            "SELECT count(pg_notify('platform_api_keys', encode(key_hash, 'hex'))) FROM platform.api_keys WHERE project_id = $1", conn, tx);
        notify.Parameters.AddWithValue(id);
        await notify.ExecuteScalarAsync(ct);
    }

    private static ProjectSummary Read(NpgsqlDataReader r) => new(
        r.GetGuid(0),
        r.IsDBNull(1) ? null : r.GetGuid(1),
        r.GetString(2),
        r.GetFieldValue<DateTimeOffset>(3),
        r.GetFieldValue<DateTimeOffset>(4),
        r.IsDBNull(5) ? null : r.GetString(5),
        r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6),
        r.IsDBNull(7) ? null : r.GetString(7));
}
