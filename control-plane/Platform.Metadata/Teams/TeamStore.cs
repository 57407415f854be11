using Npgsql;
using Platform.Metadata.Paging;

namespace Platform.Metadata.Teams;

/// <summary>Teams and their members. Every check of "may this user touch this team" starts with <see cref="RoleOfAsync"/>.</summary>
public sealed class TeamStore(NpgsqlDataSource metadata)
{
    public async Task<Team> CreateAsync(string name, bool personal, Guid ownerId, CancellationToken ct = default)
    {
        var id = Guid.CreateVersion7();
        await using var conn = await metadata.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        DateTimeOffset created;
        await using (var cmd = new NpgsqlCommand("INSERT INTO platform.teams (id, name, personal) VALUES ($1, $2, $3) RETURNING created_at", conn, tx))
        {
            cmd.Parameters.AddWithValue(id);
            cmd.Parameters.AddWithValue(name);
            cmd.Parameters.AddWithValue(personal);
            created = new DateTimeOffset((DateTime)(await cmd.ExecuteScalarAsync(ct))!);
        }

        await using (var cmd = new NpgsqlCommand("INSERT INTO platform.team_members (team_id, user_id, role) VALUES ($1, $2, 'owner')", conn, tx))
        {
            cmd.Parameters.AddWithValue(id);
            cmd.Parameters.AddWithValue(ownerId);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return new Team(id, name, personal, TeamRole.Owner, created);
    }

    /// <summary>The user's role in the team; null when the team does not exist or the user is not in it.</summary>
    public async Task<TeamRole?> RoleOfAsync(Guid teamId, Guid userId, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("SELECT role FROM platform.team_members WHERE team_id = $1 AND user_id = $2");
        cmd.Parameters.AddWithValue(teamId);
        cmd.Parameters.AddWithValue(userId);
        return await cmd.ExecuteScalarAsync(ct) is string role ? TeamRoles.Parse(role) : null;
    }

    public async Task<Team?> GetAsync(Guid teamId, TeamRole role, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("SELECT name, personal, created_at FROM platform.teams WHERE id = $1");
        cmd.Parameters.AddWithValue(teamId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new Team(teamId, r.GetString(0), r.GetBoolean(1), role, r.GetFieldValue<DateTimeOffset>(2)) : null;
    }

    public async Task<Page<Team>> ListForUserAsync(Guid userId, int limit, string? afterName, Guid? afterId, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("""
            SELECT t.id, t.name, t.personal, m.role, t.created_at
            FROM platform.teams t JOIN platform.team_members m ON m.team_id = t.id
            WHERE m.user_id = $1 AND ($2::text IS NULL OR (t.name, t.id) > ($2, $3))
            ORDER BY t.name, t.id LIMIT $4
            """);
        cmd.Parameters.AddWithValue(userId);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)afterName ?? DBNull.Value);
        cmd.Parameters.AddWithValue(afterId ?? Guid.Empty);
        cmd.Parameters.AddWithValue(limit + 1);
        var items = new List<Team>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            items.Add(new Team(r.GetGuid(0), r.GetString(1), r.GetBoolean(2), TeamRoles.Parse(r.GetString(3)), r.GetFieldValue<DateTimeOffset>(4)));
        }

        return PageOf(items, limit, t => Cursor.Encode(t.Name, t.Id));
    }

    public async Task RenameAsync(Guid teamId, string name, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("UPDATE platform.teams SET name = $2 WHERE id = $1");
        cmd.Parameters.AddWithValue(teamId);
        cmd.Parameters.AddWithValue(name);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>False when the team still has projects (they must be deleted first, which revokes their keys).</summary>
    public async Task<bool> DeleteAsync(Guid teamId, CancellationToken ct = default)
    {
        try
        {
            await using var cmd = metadata.CreateCommand("DELETE FROM platform.teams WHERE id = $1");
            cmd.Parameters.AddWithValue(teamId);
            await cmd.ExecuteNonQueryAsync(ct);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return false;
        }
    }

    public async Task<Page<TeamMember>> ListMembersAsync(Guid teamId, int limit, Guid? afterUserId, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("""
            SELECT user_id, role, joined_at FROM platform.team_members
            WHERE team_id = $1 AND user_id > $2 ORDER BY user_id LIMIT $3
            """);
        cmd.Parameters.AddWithValue(teamId);
        cmd.Parameters.AddWithValue(afterUserId ?? Guid.Empty);
        cmd.Parameters.AddWithValue(limit + 1);
        var items = new List<TeamMember>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            items.Add(new TeamMember(teamId, r.GetGuid(0), TeamRoles.Parse(r.GetString(1)), r.GetFieldValue<DateTimeOffset>(2)));
        }

        return PageOf(items, limit, m => Cursor.Encode(m.UserId));
    }

    public async Task<TeamMember?> GetMemberAsync(Guid teamId, Guid userId, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("SELECT role, joined_at FROM platform.team_members WHERE team_id = $1 AND user_id = $2");
        cmd.Parameters.AddWithValue(teamId);
        cmd.Parameters.AddWithValue(userId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new TeamMember(teamId, userId, TeamRoles.Parse(r.GetString(0)), r.GetFieldValue<DateTimeOffset>(1)) : null;
    }

    /// <summary>Adds the user, or raises their role when they are already in the team with a lower one.</summary>
    public async Task<TeamRole> AddMemberAsync(Guid teamId, Guid userId, TeamRole role, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("""
            INSERT INTO platform.team_members (team_id, user_id, role) VALUES ($1, $2, $3)
            ON CONFLICT (team_id, user_id) DO UPDATE SET role = CASE
                WHEN array_position(ARRAY['viewer','developer','admin','owner'], excluded.role)
                   > array_position(ARRAY['viewer','developer','admin','owner'], platform.team_members.role)
                THEN excluded.role ELSE platform.team_members.role END
            RETURNING role
            """);
        cmd.Parameters.AddWithValue(teamId);
        cmd.Parameters.AddWithValue(userId);
        cmd.Parameters.AddWithValue(role.ToWire());
        return TeamRoles.Parse((string)(await cmd.ExecuteScalarAsync(ct))!);
    }

    /// <summary>Changes a member's role; throws <see cref="LastOwnerException"/> when it would demote the last owner.</summary>
    public Task<bool> SetRoleAsync(Guid teamId, Guid userId, TeamRole role, CancellationToken ct = default) =>
        ChangeMemberAsync(teamId, userId, role, ct);

    /// <summary>Removes a member; throws <see cref="LastOwnerException"/> when they are the last owner.</summary>
    public Task<bool> RemoveMemberAsync(Guid teamId, Guid userId, CancellationToken ct = default) =>
        ChangeMemberAsync(teamId, userId, null, ct);

    private async Task<bool> ChangeMemberAsync(Guid teamId, Guid userId, TeamRole? role, CancellationToken ct)
    {
        await using var conn = await metadata.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // The team row lock orders concurrent changes, so two owners demoting each other cannot both succeed.
        await using (var lockTeam = new NpgsqlCommand("SELECT 1 FROM platform.teams WHERE id = $1 FOR UPDATE", conn, tx))
        {
            lockTeam.Parameters.AddWithValue(teamId);
            await lockTeam.ExecuteScalarAsync(ct);
        }

        string? current;
        await using (var find = new NpgsqlCommand("SELECT role FROM platform.team_members WHERE team_id = $1 AND user_id = $2", conn, tx))
        {
            find.Parameters.AddWithValue(teamId);
            find.Parameters.AddWithValue(userId);
            current = await find.ExecuteScalarAsync(ct) as string;
        }

        if (current is null)
        {
            return false;
        }

        if (current == "owner" && role != TeamRole.Owner)
        {
            await using var owners = new NpgsqlCommand("SELECT count(*) FROM platform.team_members WHERE team_id = $1 AND role = 'owner'", conn, tx);
            owners.Parameters.AddWithValue(teamId);
            if ((long)(await owners.ExecuteScalarAsync(ct))! <= 1)
            {
                throw new LastOwnerException();
            }
        }

        await using (var change = role is { } r
            ? new NpgsqlCommand("UPDATE platform.team_members SET role = $3 WHERE team_id = $1 AND user_id = $2", conn, tx) { Parameters = { new() { Value = teamId }, new() { Value = userId }, new() { Value = r.ToWire() } } }
            : new NpgsqlCommand("DELETE FROM platform.team_members WHERE team_id = $1 AND user_id = $2", conn, tx) { Parameters = { new() { Value = teamId }, new() { Value = userId } } })
        {
            await change.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return true;
    }

    internal static Page<T> PageOf<T>(List<T> items, int limit, Func<T, string> cursorOf)
    {
        if (items.Count <= limit)
        {
            return new Page<T>(items, null);
        }

        items.RemoveAt(items.Count - 1);
        return new Page<T>(items, cursorOf(items[^1]));
    }
}
