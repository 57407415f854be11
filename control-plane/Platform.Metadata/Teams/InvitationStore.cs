using Npgsql;
using Platform.Metadata.Paging;
using Platform.Metadata.Security;

namespace Platform.Metadata.Teams;

/// <summary>Invitations by token: the token is returned once, only its hash is kept, and it works once.</summary>
public sealed class InvitationStore(NpgsqlDataSource metadata)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public async Task<(Invitation Invitation, string Token)> CreateAsync(Guid teamId, string email, TeamRole role, Guid invitedBy, CancellationToken ct = default)
    {
        var token = OpaqueToken.Generate("inv_");
        var id = Guid.CreateVersion7();
        await using var cmd = metadata.CreateCommand("""
            INSERT INTO platform.invitations (id, team_id, email, role, token_hash, invited_by, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, now() + $7) RETURNING created_at, expires_at
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(teamId);
        cmd.Parameters.AddWithValue(email);
        cmd.Parameters.AddWithValue(role.ToWire());
        cmd.Parameters.AddWithValue(OpaqueToken.Hash(token));
        cmd.Parameters.AddWithValue(invitedBy);
        cmd.Parameters.AddWithValue(Lifetime);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (new Invitation(id, teamId, email, role, invitedBy, r.GetFieldValue<DateTimeOffset>(0), r.GetFieldValue<DateTimeOffset>(1)), token);
    }

    public async Task<Page<Invitation>> ListPendingAsync(Guid teamId, int limit, Guid? beforeId, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("""
            SELECT id, email, role, invited_by, created_at, expires_at FROM platform.invitations
            WHERE team_id = $1 AND accepted_at IS NULL AND expires_at > now() AND ($2::uuid IS NULL OR id < $2)
            ORDER BY id DESC LIMIT $3
            """);
        cmd.Parameters.AddWithValue(teamId);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Uuid, (object?)beforeId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(limit + 1);
        var items = new List<Invitation>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            items.Add(new Invitation(r.GetGuid(0), teamId, r.GetString(1), TeamRoles.Parse(r.GetString(2)), r.GetGuid(3), r.GetFieldValue<DateTimeOffset>(4), r.GetFieldValue<DateTimeOffset>(5)));
        }

        return TeamStore.PageOf(items, limit, i => Cursor.Encode(i.Id));
    }

    public async Task<bool> DeleteAsync(Guid teamId, Guid invitationId, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("DELETE FROM platform.invitations WHERE team_id = $1 AND id = $2 AND accepted_at IS NULL");
        cmd.Parameters.AddWithValue(teamId);
        cmd.Parameters.AddWithValue(invitationId);
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    /// <summary>Marks the invitation used and returns it; null when the token is unknown, used or expired.</summary>
    public async Task<Invitation?> ConsumeAsync(string token, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("""
            UPDATE platform.invitations SET accepted_at = now()
            WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > now()
            RETURNING id, team_id, email, role, invited_by, created_at, expires_at
            """);
        cmd.Parameters.AddWithValue(OpaqueToken.Hash(token));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new Invitation(r.GetGuid(0), r.GetGuid(1), r.GetString(2), TeamRoles.Parse(r.GetString(3)), r.GetGuid(4), r.GetFieldValue<DateTimeOffset>(5), r.GetFieldValue<DateTimeOffset>(6))
            : null;
    }
}
