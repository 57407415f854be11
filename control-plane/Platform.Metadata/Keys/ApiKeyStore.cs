using System.Text.Json;
using Npgsql;
using Platform.Metadata.Projects;

namespace Platform.Metadata.Keys;

/// <summary>Creates, finds and revokes API keys. Lookups go by SHA-256 hash through a unique index.</summary>
public sealed class ApiKeyStore(NpgsqlDataSource metadata)
{
    public async Task<IssuedApiKey> IssueAsync(Guid projectId, ApiKeyRole role, string? name = null, CancellationToken ct = default)
    {
        var key = ApiKeySecret.Generate(role);
        var id = Guid.CreateVersion7();
        await using var cmd = metadata.CreateCommand(
            "INSERT INTO platform.api_keys (id, project_id, role, key_hash, key_prefix, name) VALUES ($1, $2, $3, $4, $5, $6)");
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(projectId);
        cmd.Parameters.AddWithValue(role.ToWire());
        cmd.Parameters.AddWithValue(ApiKeySecret.Hash(key));
        cmd.Parameters.AddWithValue(ApiKeySecret.Prefix(key));
        cmd.Parameters.AddWithValue((object?)name ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(ct);
        return new IssuedApiKey(id, projectId, role, key);
    }

    public async Task<ApiKeyRecord?> FindByHashAsync(byte[] hash, CancellationToken ct = default)
    {
        // The project's gateway limits come with the key, so a request costs one lookup per cache lifetime, not two;
        // settings hold no secrets (the JWT secret is a separate, encrypted column).
        await using var cmd = metadata.CreateCommand("""
            SELECT k.id, k.project_id, k.role, k.key_prefix, k.expires_at, k.revoked_at, (p.settings -> 'limits')::text,
                   (p.settings -> 'cors')::text
            FROM platform.api_keys k JOIN platform.projects p ON p.id = k.project_id
            WHERE k.key_hash = $1
            """);
        cmd.Parameters.AddWithValue(hash);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new ApiKeyRecord(
            reader.GetGuid(0),
            reader.GetGuid(1),
            ApiKeyRoles.Parse(reader.GetString(2)),
            reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5))
        {
            Limits = reader.IsDBNull(6) ? null : ParseSection<ProjectLimits>(reader.GetString(6)),
            Cors = reader.IsDBNull(7) ? null : ParseSection<ProjectCorsSettings>(reader.GetString(7)),
        };
    }

    /// <summary>
    /// Settings are validated before they are stored, so this fails only when a newer control plane wrote a limit
    /// this reader does not know; the key must still work then, under the gateway's defaults.
    /// </summary>
    private static T? ParseSection<T>(string json)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, ProjectSettings.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public Task<ApiKeyRecord?> FindAsync(string key, CancellationToken ct = default) => FindByHashAsync(ApiKeySecret.Hash(key), ct);

    public async Task<int> RevokeAsync(Guid keyId, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand(
            "UPDATE platform.api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL");
        cmd.Parameters.AddWithValue(keyId);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<int> RevokeAllAsync(Guid projectId, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand(
            "UPDATE platform.api_keys SET revoked_at = now() WHERE project_id = $1 AND revoked_at IS NULL");
        cmd.Parameters.AddWithValue(projectId);
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
