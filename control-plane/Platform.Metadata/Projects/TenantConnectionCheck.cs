using System.Net.Sockets;
using Npgsql;

namespace Platform.Metadata.Projects;

/// <summary>
/// Checks a tenant connection string live before it is stored: the host policy, then a real connection (5 s), then
/// what the platform needs of the server and the login. Each failure has its own code, so a person can fix the one
/// thing that is wrong. Nothing here keeps a connection open afterwards (pooling is off).
/// </summary>
/// <param name="hosts">The host policy; the check connects to the addresses it checked, as the data plane does.</param>
/// <param name="allowPrivilegedLogins">Development and tests only: accept a privileged login as if every project owned its server.</param>
public sealed class TenantConnectionCheck(string metadataConnectionString, TenantHostGuard hosts, bool allowPrivilegedLogins = false)
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public const int MinimumServerVersion = 130000;

    /// <param name="normalizedConnectionString">From <see cref="PostgresConnectionString.Normalize"/>.</param>
    /// <param name="settings">Roles named here must exist on the server.</param>
    public async Task<ConnectionCheckResult> CheckAsync(string normalizedConnectionString, ProjectSettings? settings, CancellationToken ct = default)
    {
        var verdict = await hosts.CheckAsync(normalizedConnectionString, ct);
        if (verdict.Refused)
        {
            return ConnectionCheckResult.Fail(verdict.Code!, verdict.Reason!);
        }

        var b = new NpgsqlConnectionStringBuilder(normalizedConnectionString)
        {
            Pooling = false,
            Timeout = (int)ConnectTimeout.TotalSeconds,
            CommandTimeout = (int)ConnectTimeout.TotalSeconds,
            ApplicationName = "platform-connection-check",
        };
        var builder = new NpgsqlDataSourceBuilder(b.ConnectionString);
        TenantHostGuard.Pin(builder, verdict);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(ConnectTimeout + TimeSpan.FromSeconds(1));
        await using var source = builder.Build();
        await using var conn = source.CreateConnection();
        try
        {
            await conn.OpenAsync(deadline.Token);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            return ConnectionCheckResult.Fail("DATABASE_AUTH_FAILED", $"The server refused the user or password ({e.SqlState}: {e.MessageText}).");
        }
        catch (PostgresException e)
        {
            return ConnectionCheckResult.Fail("DATABASE_UNREACHABLE", $"The server refused the connection ({e.SqlState}: {e.MessageText}).");
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or OperationCanceledException or TimeoutException)
        {
            var why = e is OperationCanceledException || e.InnerException is TimeoutException
                ? $"no answer within {ConnectTimeout.TotalSeconds:0} s"
                : e.InnerException?.Message ?? e.Message;
            return ConnectionCheckResult.Fail("DATABASE_UNREACHABLE", $"Could not connect to {b.Host}:{b.Port}: {why}.");
        }

        try
        {
            return await CheckConnectedAsync(conn, settings, deadline.Token);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            return ConnectionCheckResult.Fail("DATABASE_CATALOG_UNREADABLE", $"The login cannot read the catalog: {e.MessageText}.");
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
        {
            return ConnectionCheckResult.Fail("DATABASE_UNREACHABLE", "The connection was lost during the check: " + e.Message);
        }
    }

    private async Task<ConnectionCheckResult> CheckConnectedAsync(NpgsqlConnection conn, ProjectSettings? settings, CancellationToken ct)
    {
        var versionNum = int.Parse((string)(await Scalar(conn, "SHOW server_version_num", ct))!, System.Globalization.CultureInfo.InvariantCulture);
        var version = (string)(await Scalar(conn, "SHOW server_version", ct))!;
        if (versionNum < MinimumServerVersion)
        {
            return ConnectionCheckResult.Fail("DATABASE_VERSION_UNSUPPORTED", $"The server runs PostgreSQL {version}; the platform needs 13 or newer.");
        }

        if (await IsPlatformDatabaseAsync(conn, ct))
        {
            return ConnectionCheckResult.Fail("PLATFORM_DATABASE_REFUSED", "The connection string names the platform's own database.");
        }

        // The data plane's own rule (TenantLoginPolicy), so a login accepted here is never refused at activation.
        var verdict = await TenantLoginPolicy.CheckAsync(conn, allowPrivilegedLogins || settings?.OwnsDatabaseServer == true, ct);
        if (verdict.Refused)
        {
            return ConnectionCheckResult.Fail(TenantLoginVerdict.Code, verdict.Refusal!);
        }

        // Reading the catalog is what schema introspection does first; a login that cannot is useless to the platform.
        await Scalar(conn, "SELECT count(*) FROM (SELECT 1 FROM pg_catalog.pg_class LIMIT 1) c", ct);
        await Scalar(conn, "SELECT count(*) FROM (SELECT 1 FROM information_schema.schemata LIMIT 1) s", ct);

        var wanted = RolesOf(settings);
        if (wanted.Count > 0)
        {
            await using var cmd = new NpgsqlCommand(
                "SELECT coalesce(array_agg(r ORDER BY r), '{}') FROM unnest($1::text[]) r WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r)", conn);
            cmd.Parameters.AddWithValue(wanted.ToArray());
            var missing = (string[])(await cmd.ExecuteScalarAsync(ct))!;
            if (missing.Length > 0)
            {
                return ConnectionCheckResult.Fail("DATABASE_ROLES_MISSING", "These roles of the project's settings do not exist on the server: " + string.Join(", ", missing) + ".");
            }
        }

        var database = (string)(await Scalar(conn, "SELECT current_database()", ct))!;
        var user = (string)(await Scalar(conn, "SELECT current_user", ct))!;
        return new ConnectionCheckResult(null, null, version, database, user);
    }

    /// <summary>
    /// The same server (address and port as the server itself reports them, so host aliases do not hide it) and the
    /// same database as the platform's metadata.
    /// </summary>
    private async Task<bool> IsPlatformDatabaseAsync(NpgsqlConnection tenant, CancellationToken ct)
    {
        const string Identity = "SELECT coalesce(host(inet_server_addr()), 'local') || ':' || coalesce(inet_server_port(), 0) || '/' || current_database()";
        var mine = (string)(await Scalar(tenant, Identity, ct))!;
        var b = new NpgsqlConnectionStringBuilder(metadataConnectionString) { Pooling = false, Timeout = 5 };
        await using var meta = new NpgsqlConnection(b.ConnectionString);
        await meta.OpenAsync(ct);
        var platform = (string)(await Scalar(meta, Identity, ct))!;
        return string.Equals(Loopback(mine), Loopback(platform), StringComparison.Ordinal);
    }

    /// <summary>127.0.0.1 and ::1 are the same server seen from here.</summary>
    private static string Loopback(string identity) => identity.Replace("::1:", "127.0.0.1:", StringComparison.Ordinal);

    private static List<string> RolesOf(ProjectSettings? settings)
    {
        var roles = new List<string>();
        if (settings is null)
        {
            return roles;
        }

        if (settings.AnonymousRole is { Length: > 0 } anon)
        {
            roles.Add(anon);
        }

        if (settings.OwnerRole is { Length: > 0 } owner)
        {
            roles.Add(owner);
        }

        roles.AddRange(settings.AllowedRoles.Where(r => r.Length > 0));
        return roles.Distinct(StringComparer.Ordinal).ToList();
    }

    private static async Task<object?> Scalar(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync(ct);
    }
}
