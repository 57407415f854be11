using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using Platform.Metadata.Paging;
using Platform.Metadata.Teams;

namespace Platform.Metadata.Audit;

/// <summary>The audit trail: appended by the control plane after each change, read per team or per project.</summary>
public sealed class AuditStore(NpgsqlDataSource metadata)
{
    public async Task WriteAsync(Guid? teamId, Guid? projectId, AuditActor actor, string action, AuditTarget? target, JsonObject? details = null, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("""
            INSERT INTO platform.audit_log (id, team_id, project_id, actor_type, actor_id, actor_name, action, target_type, target_id, target_name, details)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)
            """);
        cmd.Parameters.AddWithValue(Guid.CreateVersion7());
        cmd.Parameters.AddWithValue(NpgsqlDbType.Uuid, (object?)teamId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Uuid, (object?)projectId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(actor.Type);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)actor.Id ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)actor.Name ?? DBNull.Value);
        cmd.Parameters.AddWithValue(action);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)target?.Type ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)target?.Id ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)target?.Name ?? DBNull.Value);
        cmd.Parameters.AddWithValue((details ?? []).ToJsonString());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<Page<AuditEntry>> ListAsync(AuditQuery q, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("""
            SELECT id, at, team_id, project_id, actor_type, actor_id, actor_name, action, target_type, target_id, target_name, details::text
            FROM platform.audit_log
            WHERE ($1::uuid IS NULL OR team_id = $1) AND ($2::uuid IS NULL OR project_id = $2)
              AND (cardinality($3::text[]) = 0 OR action = ANY ($3))
              AND ($4::text IS NULL OR actor_id = $4)
              AND ($5::timestamptz IS NULL OR at >= $5) AND ($6::timestamptz IS NULL OR at < $6)
              AND ($7::uuid IS NULL OR id < $7)
            ORDER BY id DESC LIMIT $8
            """);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Uuid, (object?)q.TeamId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Uuid, (object?)q.ProjectId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(q.Actions.ToArray());
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)q.ActorId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, (object?)q.From ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, (object?)q.To ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Uuid, (object?)q.BeforeId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(q.Limit + 1);
        var items = new List<AuditEntry>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            items.Add(new AuditEntry(
                r.GetGuid(0),
                r.GetFieldValue<DateTimeOffset>(1),
                r.IsDBNull(2) ? null : r.GetGuid(2),
                r.IsDBNull(3) ? null : r.GetGuid(3),
                new AuditActor(r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6)),
                r.GetString(7),
                r.IsDBNull(8) ? null : new AuditTarget(r.GetString(8), r.GetString(9), r.IsDBNull(10) ? null : r.GetString(10)),
                JsonNode.Parse(r.GetString(11))!.AsObject()));
        }

        return TeamStore.PageOf(items, q.Limit, e => Cursor.Encode(e.Id));
    }
}
