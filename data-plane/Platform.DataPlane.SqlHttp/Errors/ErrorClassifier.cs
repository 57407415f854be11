using Npgsql;
using Platform.DataPlane.SqlHttp.Execution;
using Platform.DataPlane.SqlHttp.Requests;
using Platform.DataPlane.SqlHttp.Results;
using Platform.Errors;
using Platform.Errors.Postgres;

namespace Platform.DataPlane.SqlHttp.Errors;

/// <summary>
/// Names every failure of a request: what the request asked wrongly (shape, size cap) here, database failures by the
/// platform's one classifier (<see cref="TenantDatabaseErrors"/>), anything else as INTERNAL_ERROR. No driver
/// exception leaves the executor.
/// </summary>
internal static class ErrorClassifier
{
    /// <param name="neonShape">The request spoke Neon's protocol: PostgreSQL's fields as node-postgres's DatabaseError carries them.</param>
    public static RenderedError Classify(Exception exception, ExecutionProgress progress, NpgsqlDataSource dataSource, SqlHttpOptions options, bool neonShape = false)
    {
        var (error, index) = exception switch
        {
            BadRequestException bad => (new PlatformError(ErrorCodes.BadRequest, bad.Message), bad.StatementIndex),
            ResponseTooLargeException => (new PlatformError(ErrorCodes.ResponseTooLarge,
                $"The response would be larger than {options.MaxResponseBytes} bytes. Select fewer rows or columns (LIMIT, paging)."), null),
            // Npgsql replaces the detail with a notice unless the data source sets "Include Error Detail".
            _ => (TenantDatabaseErrors.Classify(exception, new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).IncludeErrorDetail)
                ?? new PlatformError(ErrorCodes.InternalError, "The statement could not be run."), null),
        };
        if (progress.PositionOffset > 0 && error.Postgres is { Position: > 0 } pg)
        {
            error = error with { Postgres = pg with { Position = Math.Max(1, pg.Position.Value - progress.PositionOffset) } };
        }

        return SqlHttpErrorJson.Render(error, index ?? progress.StatementIndex, neonShape);
    }
}
