using Npgsql;
using Platform.Metadata.Security;

namespace Platform.Metadata.Projects;

/// <summary>Project records. The connection string and JWT secret are encrypted before they reach the database.</summary>
public sealed class ProjectStore(NpgsqlDataSource metadata, SecretProtector protector)
{
    /// <summary>Creates the project, or updates the one with the same name (run.sh's demo project is re-applied on every start).</summary>
    public async Task<Guid> UpsertAsync(string name, string tenantConnectionString, ProjectSettings settings, CancellationToken ct = default)
    {
        settings.Validate();
        var normalized = PostgresConnectionString.Normalize(tenantConnectionString);
        await using var conn = await metadata.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        Guid id;
        await using (var find = new NpgsqlCommand("SELECT id FROM platform.projects WHERE name = $1 FOR UPDATE", conn, tx))
        {
            find.Parameters.AddWithValue(name);
            id = await find.ExecuteScalarAsync(ct) is Guid existing ? existing : Guid.CreateVersion7();
        }

        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO platform.projects (id, name, connection_string_enc, jwt_secret_enc, pool_size, settings)
            VALUES ($1, $2, $3, $4, $5, $6::jsonb)
            ON CONFLICT (id) DO UPDATE SET connection_string_enc = excluded.connection_string_enc,
                jwt_secret_enc = excluded.jwt_secret_enc, pool_size = excluded.pool_size,
                settings = excluded.settings, updated_at = now()
            """, conn, tx))
        {
            upsert.Parameters.AddWithValue(id);
            upsert.Parameters.AddWithValue(name);
            upsert.Parameters.AddWithValue(protector.Protect(normalized, id));
            upsert.Parameters.AddWithValue(settings.Jwt?.Secret is { } secret ? protector.Protect(secret, id) : DBNull.Value);
            upsert.Parameters.AddWithValue(settings.PoolSize);
            upsert.Parameters.AddWithValue(settings.ToStoredJson());
            await upsert.ExecuteNonQueryAsync(ct);
        }

        // Gateways keep a project's limits in its keys' cache entries. Naming every key of the project on the key
        // channel (migration 0003) makes them drop those entries when this commits, so new limits apply at once
        // rather than when the entries expire. Identical notifications in one transaction are sent once.
        await using (var notify = new NpgsqlCommand(
            "SELECT count(pg_notify('platform_api_keys', encode(key_hash, 'hex'))) FROM platform.api_keys WHERE project_id = $1", conn, tx))
        {
            notify.Parameters.AddWithValue(id);
            await notify.ExecuteScalarAsync(ct);
        }

        await tx.CommitAsync(ct);
        return id;
    }

    public async Task<ProjectConfiguration?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand(
            "SELECT name, connection_string_enc, jwt_secret_enc, pool_size, settings::text FROM platform.projects WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var settings = ProjectSettings.Parse(reader.GetString(4)) with { PoolSize = reader.GetInt32(3) };
        if (!reader.IsDBNull(2))
        {
            var secret = protector.Unprotect(reader.GetFieldValue<byte[]>(2), id);
            settings = settings with { Jwt = (settings.Jwt ?? new JwtSettings()) with { Secret = secret } };
        }

        var connectionString = protector.Unprotect(reader.GetFieldValue<byte[]>(1), id);
        return new ProjectConfiguration(id, reader.GetString(0), connectionString, settings);
    }
}
