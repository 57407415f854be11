using System.Net.Sockets;
using Npgsql;

namespace Platform.Errors.Postgres;

/// <summary>
/// The one classifier of tenant-database failures: every surface (GraphQL, SQL over HTTP, the grain) turns an Npgsql
/// or PostgreSQL exception into a <see cref="PlatformError"/> here, so a statement timeout, an exhausted pool or an
/// unreachable database has one code and one status everywhere and no driver text reaches a client unnamed.
/// </summary>
public static class TenantDatabaseErrors
{
    /// <summary>The platform's answer to <paramref name="exception"/>; null when it is not a database failure.</summary>
    /// <param name="exception">What the request path caught.</param>
    /// <param name="includeDetail">
    /// Whether PostgreSQL's DETAIL may be passed on: only when the data source sets "Include Error Detail", since Npgsql
    /// replaces it with a notice otherwise.
    /// </param>
    public static PlatformError? Classify(Exception exception, bool includeDetail = true)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is ConnectionOpenException { InnerException: { } cause })
        {
            return WhileConnecting(cause);
        }

        return exception switch
        {
            PostgresException pg when pg.SqlState == PostgresErrorCodes.QueryCanceled => StatementTimeout(),
            PostgresException pg when UnavailableSqlStates.Contains(pg.SqlState) => Unavailable(pg),
            PostgresException pg => new PlatformError(
                pg.SqlState.StartsWith("22", StringComparison.Ordinal) ? ErrorCodes.BadUserInput : ErrorCodes.DatabaseError, pg.MessageText)
            {
                Postgres = FieldsOf(pg, includeDetail),
                DuringExecution = true,
            },

            // Npgsql's command timeout: it cancels the statement server-side first, so the connection stays usable.
            NpgsqlException { InnerException: TimeoutException } => StatementTimeout(),
            NpgsqlException { InnerException: SocketException or IOException } => Unavailable(exception),
            NpgsqlException { IsTransient: true } => Unavailable(exception),
            NpgsqlException => new PlatformError(ErrorCodes.InternalError, "The project's database failed the request."),
            _ => null,
        };
    }

    /// <summary>A one-line reason for logs and messages that names no host, user or password.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            ConnectionOpenException { InnerException: { } cause } => Describe(cause),
            PostgresException { SqlState: "28P01" or "28000" } => "authentication failed",
            PostgresException { SqlState: "3D000" } => "the database does not exist",
            PostgresException pg => "PostgreSQL error " + pg.SqlState,
            NpgsqlException { InnerException: SocketException } => "connection refused or host unreachable",
            NpgsqlException { InnerException: TimeoutException } => "timed out",
            _ when exception.InnerException is PostgresException or NpgsqlException => Describe(exception.InnerException!),
            OperationCanceledException => "cancelled",
            _ => exception.GetType().Name,
        };
    }

    /// <summary>
    /// Before a connection was had, waiting out the pool's timeout is an exhausted pool; anything else (refused, login
    /// failed, the database missing or shutting down) leaves the database unavailable to this project.
    /// </summary>
    private static PlatformError WhileConnecting(Exception cause) => cause switch
    {
        NpgsqlException { InnerException: TimeoutException } and not PostgresException =>
            new PlatformError(ErrorCodes.PoolTimeout, "No database connection became free in time."),
        _ => Unavailable(cause),
    };

    private static PlatformError StatementTimeout() =>
        new(ErrorCodes.StatementTimeout, "The statement took longer than the statement timeout.") { DuringExecution = true };

    private static PlatformError Unavailable(Exception cause) =>
        new(ErrorCodes.DatabaseUnavailable, $"The project's database is not reachable ({Describe(cause)}).");

    private static PostgresErrorFields FieldsOf(PostgresException pg, bool includeDetail) => new(pg.SqlState)
    {
        Severity = pg.Severity,
        Detail = includeDetail ? pg.Detail : null,
        Hint = pg.Hint,
        Position = pg.Position > 0 ? pg.Position : null,
        InternalPosition = pg.InternalPosition > 0 ? pg.InternalPosition : null,
        InternalQuery = pg.InternalQuery,
        Where = pg.Where,
        Schema = pg.SchemaName,
        Table = pg.TableName,
        Column = pg.ColumnName,
        DataType = pg.DataTypeName,
        Constraint = pg.ConstraintName,
        File = pg.File,
        Line = pg.Line,
        Routine = pg.Routine,
    };
}
