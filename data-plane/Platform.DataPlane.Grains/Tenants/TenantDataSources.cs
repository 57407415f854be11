using System.Globalization;
using Npgsql;
using Platform.Metadata.Projects;

namespace Platform.DataPlane.Grains.Tenants;

/// <summary>
/// Builds a project's one data source, with its hard pool cap and timeouts, shared by GraphQL, realtime, introspection
/// and SQL over HTTP, so the project never holds more connections than its pool size (decision 0050).
/// </summary>
internal static class TenantDataSources
{
    /// <param name="hosts">The checked addresses every physical connection goes to (<see cref="TenantHostGuard"/>).</param>
    public static NpgsqlDataSource Create(ProjectConfiguration project, TenantHostVerdict hosts)
    {
        var s = project.Settings;
        var b = new NpgsqlConnectionStringBuilder(project.ConnectionString)
        {
            MaxPoolSize = s.PoolSize,
            MinPoolSize = 0,
            // Npgsql's Timeout bounds both opening a connection and waiting for a free one in the pool.
            Timeout = s.PoolTimeoutSeconds,
            // The server enforces the statement timeout, so a slow statement is cancelled there and the connection
            // comes back healthy; the client-side timeout is only a backstop for a server that does not answer.
            Options = "-c statement_timeout=" + (s.StatementTimeoutSeconds * 1000).ToString(CultureInfo.InvariantCulture),
            CommandTimeout = s.StatementTimeoutSeconds + 5,
            // Operators find a project's connections in pg_stat_activity by this name.
            ApplicationName = "platform/project/" + project.Id.ToString("N"),
            ConnectionIdleLifetime = 60,
            // The tenant's own errors go back to the tenant's own clients, details included (PostgreSQL's DETAIL).
            IncludeErrorDetail = true,
            // Each connection is reset when it returns to the pool, so no role, setting, temp table, cursor, lock or
            // LISTEN of one request reaches the next: DISCARD ALL, or, once Npgsql holds prepared statements on it,
            // the same without DEALLOCATE (SQL over HTTP unprepares everything before its connection comes back).
            NoResetOnClose = false,
            // Requests with a role are not prepared ahead (that would parse before the role is set); Npgsql prepares
            // them itself inside the request's round trip once a text has been seen twice on a connection.
            MaxAutoPrepare = 256,
            AutoPrepareMinUsages = 2,
        };
        var builder = new NpgsqlDataSourceBuilder(b.ConnectionString) { Name = "project:" + project.Id.ToString("N") };
        TenantHostGuard.Pin(builder, hosts);
        return builder.Build();
    }
}
