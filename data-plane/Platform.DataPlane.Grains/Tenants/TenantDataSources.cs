using System.Globalization;
using Npgsql;
using Platform.Metadata.Projects;

namespace Platform.DataPlane.Grains.Tenants;

/// <summary>
/// Builds a project's data sources, with its hard pool cap and timeouts: the engine's pool (GraphQL, realtime,
/// introspection) and the pool for SQL over HTTP, apart because only a connection without prepared statements can be
/// reset whole (decision 0050).
/// </summary>
public static class TenantDataSources
{
    public static NpgsqlDataSource Create(ProjectConfiguration project) => Build(project, "project:", prepares: true);

    /// <summary>
    /// The pool for the tenant's own SQL: nothing is ever prepared on it, so Npgsql resets every connection coming back
    /// with DISCARD ALL, which also drops the prepared statements a request made with PREPARE (Npgsql's reset for a
    /// connection that holds prepared statements of its own leaves those out).
    /// </summary>
    public static NpgsqlDataSource CreateForSql(ProjectConfiguration project) => Build(project, "project-sql:", prepares: false);

    private static NpgsqlDataSource Build(ProjectConfiguration project, string namePrefix, bool prepares)
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
            // the same without DEALLOCATE (the engine's pool only runs the engine's statements).
            NoResetOnClose = false,
            // Requests with a role are not prepared ahead (that would parse before the role is set); Npgsql prepares
            // them itself inside the request's round trip once a text has been seen twice on a connection.
            MaxAutoPrepare = prepares ? 256 : 0,
            AutoPrepareMinUsages = 2,
        };
        var builder = new NpgsqlDataSourceBuilder(b.ConnectionString) { Name = namePrefix + project.Id.ToString("N") };
        return builder.Build();
    }
}
