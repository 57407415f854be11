using Npgsql;
using NpgsqlTypes;
using Platform.Metadata.Paging;
using Platform.Metadata.Teams;

namespace Platform.Metadata.Deployments;

/// <summary>Deployments and their logs. The log is appended line by line as the job runs, so readers can follow it live.</summary>
public sealed class DeploymentStore(NpgsqlDataSource metadata)
{
    /// <summary>A log line is cut here: a hostile repository must not fill the metadata database through the log.</summary>
    public const int MaxLineLength = 2000;

    public const int MaxLines = 5000;

    private const string Columns =
        "id, project_id, status, trigger, branch, commit_sha, created_by, created_at, started_at, finished_at, migrations_applied, error_code, error_message";

    public async Task<DeploymentRecord> CreateAsync(Guid projectId, string trigger, string branch, string? commit, string? createdBy, CancellationToken ct = default)
    {
        var id = Guid.CreateVersion7();
        await using var cmd = metadata.CreateCommand($"""
            INSERT INTO platform.deployments (id, project_id, status, trigger, branch, commit_sha, created_by)
            VALUES ($1, $2, 'queued', $3, $4, $5, $6) RETURNING {Columns}
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(projectId);
        cmd.Parameters.AddWithValue(trigger);
        cmd.Parameters.AddWithValue(branch);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)commit ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)createdBy ?? DBNull.Value);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return Read(r);
    }

    public async Task<DeploymentRecord?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand($"SELECT {Columns} FROM platform.deployments WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    public async Task<DeploymentRecord?> LastAsync(Guid projectId, CancellationToken ct = default) =>
        (await ListAsync(projectId, 1, null, ct)).Items is [var last, ..] ? last : null;

    public async Task<Page<DeploymentRecord>> ListAsync(Guid projectId, int limit, Guid? beforeId, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand($"""
            SELECT {Columns} FROM platform.deployments WHERE project_id = $1 AND ($2::uuid IS NULL OR id < $2) ORDER BY id DESC LIMIT $3
            """);
        cmd.Parameters.AddWithValue(projectId);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Uuid, (object?)beforeId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(limit + 1);
        var items = new List<DeploymentRecord>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            items.Add(Read(r));
        }

        return TeamStore.PageOf(items, limit, d => Cursor.Encode(d.Id));
    }

    /// <summary>Moves a queued deployment to running; false when it is not queued (a retried job must not run twice).</summary>
    public async Task<bool> StartAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("UPDATE platform.deployments SET status = 'running', started_at = now() WHERE id = $1 AND status = 'queued'");
        cmd.Parameters.AddWithValue(id);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task SetCommitAsync(Guid id, string commit, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("UPDATE platform.deployments SET commit_sha = $2 WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(commit);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task FinishAsync(Guid id, IReadOnlyList<string> applied, string? errorCode, string? errorMessage, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("""
            UPDATE platform.deployments SET status = CASE WHEN $3::text IS NULL THEN 'succeeded' ELSE 'failed' END,
                finished_at = now(), migrations_applied = $2, error_code = $3, error_message = $4
            WHERE id = $1
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(applied.ToArray());
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)errorCode ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)Truncate(errorMessage) ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task AppendLogAsync(Guid id, int seq, string line, CancellationToken ct = default)
    {
        if (seq > MaxLines)
        {
            return;
        }

        await using var cmd = metadata.CreateCommand("INSERT INTO platform.deployment_log (deployment_id, seq, line) VALUES ($1, $2, $3)");
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(seq);
        cmd.Parameters.AddWithValue(seq == MaxLines ? "(log cut: too many lines)" : Truncate(line)!);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<DeploymentLogLine>> LogAsync(Guid id, int afterSeq, CancellationToken ct = default)
    {
        await using var cmd = metadata.CreateCommand("SELECT seq, at, line FROM platform.deployment_log WHERE deployment_id = $1 AND seq > $2 ORDER BY seq");
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(afterSeq);
        var lines = new List<DeploymentLogLine>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            lines.Add(new DeploymentLogLine(r.GetInt32(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2)));
        }

        return lines;
    }

    private static string? Truncate(string? s) =>
        s is null ? null : (s.Length <= MaxLineLength ? s : s[..MaxLineLength] + "…").Replace('\0', '?');

    private static DeploymentRecord Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6),
        r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8),
        r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9), r.GetFieldValue<string[]>(10),
        r.IsDBNull(11) ? null : r.GetString(11), r.IsDBNull(12) ? null : r.GetString(12));
}
