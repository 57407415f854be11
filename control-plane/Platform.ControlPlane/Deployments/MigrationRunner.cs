using Npgsql;
using Platform.Metadata.Projects;

namespace Platform.ControlPlane.Deployments;

/// <summary>
/// Applies a repository's migrations to the tenant database: each new one once, in its own transaction with a
/// statement timeout, recorded in platform_meta.migrations (name, checksum, applied at, deployment id) in that same
/// transaction, all under an advisory lock so two deployments never interleave. A migration already applied whose
/// file changed stops the deployment before anything runs.
/// </summary>
public static class MigrationRunner
{
    /// <summary>Both halves of the advisory lock key: "platform" and "migrate" in ASCII, clear in pg_locks.</summary>
    private const int LockSpace = 0x706c6174;
    private const int LockKey = 0x6d696772;

    public static async Task<IReadOnlyList<string>> ApplyAsync(
        string tenantConnectionString, TenantHostVerdict hosts, string? ownerRole, IReadOnlyList<Migration> migrations, Guid deploymentId, int timeoutSeconds, DeploymentLog log, List<string> applied, CancellationToken ct)
    {
        var b = new NpgsqlConnectionStringBuilder(tenantConnectionString)
        {
            Pooling = false,
            Timeout = 5,
            CommandTimeout = timeoutSeconds + 30,
            ApplicationName = "platform-deployment",
        };
        var builder = new NpgsqlDataSourceBuilder(b.ConnectionString);
        TenantHostGuard.Pin(builder, hosts);
        await using var source = builder.Build();
        await using var conn = source.CreateConnection();
        try
        {
            await conn.OpenAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new DeploymentFailedException("DATABASE_UNREACHABLE", "Could not connect to the project's database: " + e.Message);
        }

        if (ownerRole is { Length: > 0 })
        {
            // An authenticator login (NOINHERIT, no privileges of its own) migrates as the project's owner role, which
            // then owns what the migrations make, as it would if the owner ran them.
            try
            {
                await Exec(conn, "SET ROLE " + QuoteIdentifier(ownerRole), ct);
            }
            catch (PostgresException e)
            {
                throw new DeploymentFailedException("MIGRATION_FAILED", $"Could not switch to the owner role {ownerRole}: {e.MessageText}.");
            }
        }

        await Exec(conn, "SET lock_timeout = '60s'", ct);
        try
        {
            await Exec(conn, $"SELECT pg_advisory_lock({LockSpace}, {LockKey})", ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new DeploymentFailedException("DEPLOYMENT_LOCKED", "Another deployment held the project's migration lock for over 60 s.");
        }

        await Exec(conn, "RESET lock_timeout", ct);
        try
        {
            await Exec(conn, """
                CREATE SCHEMA IF NOT EXISTS platform_meta;
                CREATE TABLE IF NOT EXISTS platform_meta.migrations (
                    name text PRIMARY KEY,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    deployment_id uuid NOT NULL)
                """, ct);

            var done = new Dictionary<string, string>(StringComparer.Ordinal);
            await using (var cmd = new NpgsqlCommand("SELECT name, checksum FROM platform_meta.migrations", conn))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
            {
                while (await r.ReadAsync(ct))
                {
                    done[r.GetString(0)] = r.GetString(1);
                }
            }

            foreach (var m in migrations)
            {
                if (done.TryGetValue(m.Name, out var checksum) && checksum != m.Checksum)
                {
                    throw new DeploymentFailedException("MIGRATION_CHANGED",
                        $"{m.Name} was applied with checksum {checksum[..12]} and has changed since ({m.Checksum[..12]}); applied migrations must not change: add a new one.");
                }
            }

            var pending = migrations.Where(m => !done.ContainsKey(m.Name)).ToList();
            await log.WriteAsync(pending.Count == 0
                ? $"{migrations.Count} migrations, all applied already."
                : $"{migrations.Count} migrations, {pending.Count} to apply.");
            foreach (var m in pending)
            {
                await ApplyOneAsync(conn, m, deploymentId, timeoutSeconds, log, ct);
                applied.Add(m.Name);
            }

            return applied;
        }
        finally
        {
            if (conn.State == System.Data.ConnectionState.Open)
            {
                await Exec(conn, $"SELECT pg_advisory_unlock({LockSpace}, {LockKey})", CancellationToken.None);
            }
        }
    }

    private static async Task ApplyOneAsync(NpgsqlConnection conn, Migration m, Guid deploymentId, int timeoutSeconds, DeploymentLog log, CancellationToken ct)
    {
        await log.WriteAsync($"Applying {m.Name} ({m.Checksum[..12]})");
        var started = DateTime.UtcNow;
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            await Exec(conn, $"SET LOCAL statement_timeout = '{timeoutSeconds}s'", ct, tx);
            await Exec(conn, m.Sql, ct, tx);
            await using (var record = new NpgsqlCommand(
                "INSERT INTO platform_meta.migrations (name, checksum, deployment_id) VALUES ($1, $2, $3)", conn, tx))
            {
                record.Parameters.AddWithValue(m.Name);
                record.Parameters.AddWithValue(m.Checksum);
                record.Parameters.AddWithValue(deploymentId);
                await record.ExecuteNonQueryAsync(ct);
            }

            await tx.CommitAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.QueryCanceled)
        {
            await SafeRollbackAsync(tx);
            throw new DeploymentFailedException("MIGRATION_TIMEOUT", $"{m.Name} ran longer than {timeoutSeconds} s and was rolled back.");
        }
        catch (PostgresException e)
        {
            await SafeRollbackAsync(tx);
            var where = e.Position > 0 ? $" at character {e.Position}" : "";
            throw new DeploymentFailedException("MIGRATION_FAILED", $"{m.Name} failed and was rolled back: {e.MessageText} ({e.SqlState}){where}.");
        }

        await log.WriteAsync($"Applied {m.Name} in {(DateTime.UtcNow - started).TotalMilliseconds:0} ms");
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task SafeRollbackAsync(NpgsqlTransaction tx)
    {
        try
        {
            await tx.RollbackAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The connection broke; PostgreSQL rolled back on its own.
        }
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct, NpgsqlTransaction? tx = null)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
