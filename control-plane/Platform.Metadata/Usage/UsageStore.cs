using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Metadata.Usage;

/// <summary>Per-minute usage rows written in batches by the hosts, read back as one series per project.</summary>
public sealed class UsageStore(NpgsqlDataSource metadata)
{
    /// <summary>Writes a batch; a host re-reporting a minute adds its counts to the row it wrote before.</summary>
    public async Task WriteAsync(IReadOnlyList<UsageMinute> rows, CancellationToken ct = default)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var batch = metadata.CreateBatch();
        foreach (var m in rows)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                INSERT INTO platform.usage_minutes (project_id, minute, host, requests, errors, latency_p50_ms, latency_p99_ms, pool_in_use, pool_waiting)
                SELECT $1, date_trunc('minute', $2), $3, $4::jsonb, $5::jsonb, $6, $7, $8, $9
                WHERE EXISTS (SELECT 1 FROM platform.projects WHERE id = $1)
                ON CONFLICT (project_id, minute, host) DO UPDATE SET
                    requests = (SELECT coalesce(jsonb_object_agg(k, v), '{}') FROM (
                        SELECT k, sum(v::bigint) v FROM (
                            SELECT * FROM jsonb_each_text(platform.usage_minutes.requests)
                            UNION ALL SELECT * FROM jsonb_each_text(excluded.requests)) e(k, v) GROUP BY k) s),
                    errors = (SELECT coalesce(jsonb_object_agg(k, v), '{}') FROM (
                        SELECT k, sum(v::bigint) v FROM (
                            SELECT * FROM jsonb_each_text(platform.usage_minutes.errors)
                            UNION ALL SELECT * FROM jsonb_each_text(excluded.errors)) e(k, v) GROUP BY k) s),
                    latency_p50_ms = greatest(platform.usage_minutes.latency_p50_ms, excluded.latency_p50_ms),
                    latency_p99_ms = greatest(platform.usage_minutes.latency_p99_ms, excluded.latency_p99_ms),
                    pool_in_use = greatest(platform.usage_minutes.pool_in_use, excluded.pool_in_use),
                    pool_waiting = greatest(platform.usage_minutes.pool_waiting, excluded.pool_waiting)
                """)
            {
                Parameters =
                {
                    new() { Value = m.ProjectId },
                    new() { Value = m.Minute },
                    new() { Value = m.Host },
                    new() { Value = JsonSerializer.Serialize(m.Requests) },
                    new() { Value = JsonSerializer.Serialize(m.Errors) },
                    new() { NpgsqlDbType = NpgsqlDbType.Double, Value = (object?)m.LatencyP50Ms ?? DBNull.Value },
                    new() { NpgsqlDbType = NpgsqlDbType.Double, Value = (object?)m.LatencyP99Ms ?? DBNull.Value },
                    new() { NpgsqlDbType = NpgsqlDbType.Integer, Value = (object?)m.PoolInUse ?? DBNull.Value },
                    new() { NpgsqlDbType = NpgsqlDbType.Integer, Value = (object?)m.PoolWaiting ?? DBNull.Value },
                },
            });
        }

        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The project's minutes in [from, to), hosts combined: counts summed, pool figures summed (each host holds its
    /// own connections), latency the highest host's percentile (percentiles do not add up; the worst host is honest).
    /// </summary>
    public async Task<IReadOnlyList<UsageMinute>> SeriesAsync(Guid projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("""
            SELECT minute,
                   (SELECT coalesce(jsonb_object_agg(k, v), '{}') FROM (SELECT k, sum(v::bigint) v FROM platform.usage_minutes u2, jsonb_each_text(u2.requests) e(k, v)
                        WHERE u2.project_id = $1 AND u2.minute = u.minute GROUP BY k) s)::text,
                   (SELECT coalesce(jsonb_object_agg(k, v), '{}') FROM (SELECT k, sum(v::bigint) v FROM platform.usage_minutes u2, jsonb_each_text(u2.errors) e(k, v)
                        WHERE u2.project_id = $1 AND u2.minute = u.minute GROUP BY k) s)::text,
                   max(latency_p50_ms), max(latency_p99_ms), sum(pool_in_use)::int, sum(pool_waiting)::int
            FROM platform.usage_minutes u
            WHERE project_id = $1 AND minute >= $2 AND minute < $3
            GROUP BY minute ORDER BY minute
            """);
        cmd.Parameters.AddWithValue(projectId);
        cmd.Parameters.AddWithValue(from);
        cmd.Parameters.AddWithValue(to);
        var points = new List<UsageMinute>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            points.Add(new UsageMinute(projectId, r.GetFieldValue<DateTimeOffset>(0), "*",
                JsonSerializer.Deserialize<Dictionary<string, long>>(r.GetString(1))!,
                JsonSerializer.Deserialize<Dictionary<string, long>>(r.GetString(2))!,
                r.IsDBNull(3) ? null : r.GetDouble(3), r.IsDBNull(4) ? null : r.GetDouble(4),
                r.IsDBNull(5) ? null : r.GetInt32(5), r.IsDBNull(6) ? null : r.GetInt32(6)));
        }

        return points;
    }
}
