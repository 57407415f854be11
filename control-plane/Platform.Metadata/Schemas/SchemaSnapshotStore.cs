using Npgsql;

namespace Platform.Metadata.Schemas;

/// <summary>Stored catalog snapshots (serialized by the data plane; opaque here), one per project.</summary>
public sealed class SchemaSnapshotStore(NpgsqlDataSource metadata)
{
    public async Task<StoredSnapshot?> GetAsync(Guid projectId, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("SELECT catalog_version, snapshot FROM platform.schema_snapshots WHERE project_id = $1");
        cmd.Parameters.AddWithValue(projectId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new StoredSnapshot(reader.GetString(0), reader.GetString(1)) : null;
    }

    public async Task SaveAsync(Guid projectId, string catalogVersion, string snapshot, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("""
            INSERT INTO platform.schema_snapshots (project_id, catalog_version, snapshot) VALUES ($1, $2, $3)
            ON CONFLICT (project_id) DO UPDATE SET catalog_version = excluded.catalog_version, snapshot = excluded.snapshot, updated_at = now()
            """);
        cmd.Parameters.AddWithValue(projectId);
        cmd.Parameters.AddWithValue(catalogVersion);
        cmd.Parameters.AddWithValue(snapshot);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
