using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Metadata.Security;

namespace Platform.Metadata.Deployments;

public sealed class RepositoryStore(NpgsqlDataSource metadata, SecretProtector protector)
{
    public async Task<RepositoryRecord?> GetAsync(Guid projectId, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand(
            "SELECT url, branch, folder, credentials_enc IS NOT NULL, webhook_secret_enc IS NOT NULL, updated_at FROM platform.repositories WHERE project_id = $1");
        cmd.Parameters.AddWithValue(projectId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new RepositoryRecord(projectId, r.GetString(0), r.GetString(1), r.GetString(2), r.GetBoolean(3), r.GetBoolean(4), r.GetFieldValue<DateTimeOffset>(5))
            : null;
    }

    /// <summary>Creates or replaces the repository; null credentials keep the stored ones only when the URL is unchanged.</summary>
    public async Task<RepositoryRecord> SetAsync(Guid projectId, string url, string branch, string folder, RepositoryCredentials? credentials, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("""
            INSERT INTO platform.repositories (project_id, url, branch, folder, credentials_enc) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (project_id) DO UPDATE SET url = excluded.url, branch = excluded.branch, folder = excluded.folder,
                credentials_enc = CASE WHEN excluded.credentials_enc IS NULL AND platform.repositories.url = excluded.url
                                       THEN platform.repositories.credentials_enc ELSE excluded.credentials_enc END,
                updated_at = now()
            """);
        cmd.Parameters.AddWithValue(projectId);
        cmd.Parameters.AddWithValue(url);
        cmd.Parameters.AddWithValue(branch);
        cmd.Parameters.AddWithValue(folder);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Bytea, credentials is null ? DBNull.Value : protector.Protect(JsonSerializer.Serialize(credentials), projectId));
        await cmd.ExecuteNonQueryAsync(ct);
        return (await GetAsync(projectId, ct))!;
    }

    public async Task<bool> DeleteAsync(Guid projectId, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("DELETE FROM platform.repositories WHERE project_id = $1");
        cmd.Parameters.AddWithValue(projectId);
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    /// <summary>Stores a new webhook secret (encrypted: verifying GitHub's HMAC needs the secret itself, not a hash).</summary>
    public async Task<string?> RotateWebhookSecretAsync(Guid projectId, CancellationToken ct = default)
    {
        var secret = OpaqueToken.Generate("whsec_");
        await using var cmd = metadata.CreateCommand("UPDATE platform.repositories SET webhook_secret_enc = $2, updated_at = now() WHERE project_id = $1");
        cmd.Parameters.AddWithValue(projectId);
        cmd.Parameters.AddWithValue(protector.Protect(secret, projectId));
        return await cmd.ExecuteNonQueryAsync(ct) > 0 ? secret : null;
    }

    public async Task<string?> WebhookSecretAsync(Guid projectId, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("SELECT webhook_secret_enc FROM platform.repositories WHERE project_id = $1");
        cmd.Parameters.AddWithValue(projectId);
        return await cmd.ExecuteScalarAsync(ct) is byte[] enc ? protector.Unprotect(enc, projectId) : null;
    }

    public async Task<RepositoryCredentials?> CredentialsAsync(Guid projectId, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("SELECT credentials_enc FROM platform.repositories WHERE project_id = $1");
        cmd.Parameters.AddWithValue(projectId);
        return await cmd.ExecuteScalarAsync(ct) is byte[] enc ? JsonSerializer.Deserialize<RepositoryCredentials>(protector.Unprotect(enc, projectId)) : null;
    }
}
