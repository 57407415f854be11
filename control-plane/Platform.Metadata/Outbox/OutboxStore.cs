using Npgsql;
using NpgsqlTypes;
using Platform.Metadata.Paging;
using Platform.Metadata.Teams;

namespace Platform.Metadata.Outbox;

/// <summary>Mail waiting to be sent. Sending is out of scope; Development reads it through the API instead.</summary>
public sealed class OutboxStore(NpgsqlDataSource metadata)
{
    public async Task AddAsync(string to, string kind, string subject, string body, string? link, string? token, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand(
            "INSERT INTO platform.outbox (id, recipient, kind, subject, body, link, token) VALUES ($1, $2, $3, $4, $5, $6, $7)");
        cmd.Parameters.AddWithValue(Guid.CreateVersion7());
        cmd.Parameters.AddWithValue(to);
        cmd.Parameters.AddWithValue(kind);
        cmd.Parameters.AddWithValue(subject);
        cmd.Parameters.AddWithValue(body);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)link ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)token ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<Page<OutboxMessage>> ListAsync(string? to, int limit, Guid? beforeId, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("""
            SELECT id, recipient, kind, subject, body, link, token, created_at FROM platform.outbox
            WHERE ($1::text IS NULL OR lower(recipient) = lower($1)) AND ($2::uuid IS NULL OR id < $2)
            ORDER BY id DESC LIMIT $3
            """);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)to ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Uuid, (object?)beforeId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(limit + 1);
        var items = new List<OutboxMessage>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            items.Add(new OutboxMessage(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetFieldValue<DateTimeOffset>(7)));
        }

        return TeamStore.PageOf(items, limit, m => Cursor.Encode(m.Id));
    }
}
