using Npgsql;
using Platform.Metadata.Paging;
using Platform.Metadata.Security;
using Platform.Metadata.Teams;

namespace Platform.Metadata.Tokens;

/// <summary>Personal access tokens ("pat_" + 256 random bits): stored as SHA-256, shown once, expiring, revocable.</summary>
public sealed class PersonalAccessTokenStore(NpgsqlDataSource metadata)
{
    public const string TokenPrefix = "pat_";

    public async Task<(PersonalAccessToken Record, string Token)> CreateAsync(Guid userId, string name, DateTimeOffset expiresAt, CancellationToken ct = default)
    {
        var token = OpaqueToken.Generate(TokenPrefix);
        var id = Guid.CreateVersion7();
        await using var cmd = metadata.CreateCommand("""
            INSERT INTO platform.personal_access_tokens (id, user_id, name, token_hash, prefix, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING created_at
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(userId);
        cmd.Parameters.AddWithValue(name);
        cmd.Parameters.AddWithValue(OpaqueToken.Hash(token));
        cmd.Parameters.AddWithValue(OpaqueToken.Prefix(token));
        cmd.Parameters.AddWithValue(expiresAt);
        var created = new DateTimeOffset((DateTime)(await cmd.ExecuteScalarAsync(ct))!);
        return (new PersonalAccessToken(id, userId, name, OpaqueToken.Prefix(token), created, expiresAt, null, null), token);
    }

    /// <summary>The token's owner when it is known, unexpired and unrevoked. Marks it used at most once a minute.</summary>
    public async Task<PersonalAccessToken?> ValidateAsync(string token, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("""
            UPDATE platform.personal_access_tokens SET last_used_at = now()
            WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
              AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
            """);
        cmd.Parameters.AddWithValue(OpaqueToken.Hash(token));
        await cmd.ExecuteNonQueryAsync(ct);

        await using var find = metadata.CreateCommand("""
            SELECT id, user_id, name, prefix, created_at, expires_at, last_used_at, revoked_at FROM platform.personal_access_tokens
            WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
            """);
        find.Parameters.AddWithValue(OpaqueToken.Hash(token));
        await using var r = await find.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    public async Task<Page<PersonalAccessToken>> ListAsync(Guid userId, int limit, Guid? beforeId, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("""
            SELECT id, user_id, name, prefix, created_at, expires_at, last_used_at, revoked_at FROM platform.personal_access_tokens
            WHERE user_id = $1 AND ($2::uuid IS NULL OR id < $2) ORDER BY id DESC LIMIT $3
            """);
        cmd.Parameters.AddWithValue(userId);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Uuid, (object?)beforeId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(limit + 1);
        var items = new List<PersonalAccessToken>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            items.Add(Read(r));
        }

        return TeamStore.PageOf(items, limit, t => Cursor.Encode(t.Id));
    }

    public async Task<bool> RevokeAsync(Guid userId, Guid id, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand(
            "UPDATE platform.personal_access_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE user_id = $1 AND id = $2");
        cmd.Parameters.AddWithValue(userId);
        cmd.Parameters.AddWithValue(id);
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    private static PersonalAccessToken Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4), r.GetFieldValue<DateTimeOffset>(5),
        r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7));
}
