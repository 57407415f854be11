using System.Net.Sockets;
using Npgsql;
using Platform.DataPlane.SqlHttp.Execution;
using Platform.DataPlane.SqlHttp.Requests;
using Platform.DataPlane.SqlHttp.Results;

namespace Platform.DataPlane.SqlHttp.Errors;

/// <summary>
/// Names every failure: 400 for what the request asked (bad shape, PostgreSQL errors, statement timeout, size cap),
/// 503 with Retry-After for what the platform or the database could not give (pool, availability), 500 otherwise.
/// No driver exception leaves the executor.
/// </summary>
internal static class ErrorClassifier
{
    private const int PoolRetryAfterSeconds = 1;
    private const int UnavailableRetryAfterSeconds = 5;

    public static SqlHttpError Classify(Exception exception, ExecutionProgress progress, NpgsqlDataSource dataSource, SqlHttpOptions options)
    {
        var error = exception switch
        {
            BadRequestException bad => new SqlHttpError(400, ErrorCodes.BadRequest, bad.Message) { StatementIndex = bad.StatementIndex },
            ResponseTooLargeException => new SqlHttpError(400, ErrorCodes.ResponseTooLarge,
                $"The response would be larger than {options.MaxResponseBytes} bytes. Select fewer rows or columns (LIMIT, paging)."),
            PostgresException pg => FromPostgres(pg, progress, dataSource),
            NpgsqlException npgsql => FromDriver(npgsql, progress),
            _ => new SqlHttpError(500, ErrorCodes.InternalError, "The statement could not be run."),
        };
        return error with { StatementIndex = error.StatementIndex ?? progress.StatementIndex };
    }

    private static SqlHttpError FromPostgres(PostgresException pg, ExecutionProgress progress, NpgsqlDataSource dataSource)
    {
        if (pg.SqlState == PostgresErrorCodes.QueryCanceled)
        {
            return new SqlHttpError(400, ErrorCodes.StatementTimeout, pg.MessageText);
        }

        // Failing to log in (wrong password, database gone) is the platform's configuration, not the query.
        if (!progress.ConnectionOpened || IsUnavailable(pg.SqlState))
        {
            return Unavailable() with { Detail = pg.MessageText };
        }

        return new SqlHttpError(400, pg.SqlState, pg.MessageText)
        {
            Severity = pg.Severity,
            // Npgsql replaces the detail with a notice unless the data source sets "Include Error Detail".
            Detail = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).IncludeErrorDetail ? pg.Detail : null,
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

    private static SqlHttpError FromDriver(NpgsqlException npgsql, ExecutionProgress progress)
    {
        if (!progress.ConnectionOpened)
        {
            return npgsql.InnerException is TimeoutException && npgsql.Message.Contains("pool", StringComparison.OrdinalIgnoreCase)
                ? new SqlHttpError(503, ErrorCodes.PoolTimeout, "No database connection became free in time.") { RetryAfterSeconds = PoolRetryAfterSeconds }
                : Unavailable();
        }

        // Npgsql's command timeout: it has already cancelled the statement server-side, so the connection stays usable.
        if (npgsql.InnerException is TimeoutException)
        {
            return new SqlHttpError(400, ErrorCodes.StatementTimeout, "The statement took longer than the statement timeout.");
        }

        return npgsql.InnerException is SocketException or IOException || npgsql.IsTransient
            ? Unavailable()
            : new SqlHttpError(500, ErrorCodes.InternalError, "The statement could not be run.");
    }

    // 08 connection exceptions (except 08P01, a protocol complaint about this request), 57P0x shutdowns, and
    // 53300 (the server's own connection limit).
    private static bool IsUnavailable(string sqlState) =>
        (sqlState.StartsWith("08", StringComparison.Ordinal) && sqlState != PostgresErrorCodes.ProtocolViolation)
        || sqlState.StartsWith("57P", StringComparison.Ordinal)
        || sqlState == PostgresErrorCodes.TooManyConnections;

    private static SqlHttpError Unavailable() =>
        new(503, ErrorCodes.DatabaseUnavailable, "The database is unavailable.") { RetryAfterSeconds = UnavailableRetryAfterSeconds };
}
