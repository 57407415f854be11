using System.Net.Sockets;
using Npgsql;
using Platform.DataPlane.Planning.Errors;

namespace Platform.DataPlane.Execution.Database;

/// <summary>
/// Maps Npgsql and PostgreSQL failures to the platform's error codes, so callers never see a raw driver exception.
/// Statement failures keep 200 with <c>data: null</c> (execution started); unavailability is 503.
/// </summary>
public static class DatabaseErrors
{
    public static DatabaseFailure? Classify(Exception exception)
    {
        switch (exception)
        {
            case PostgresException pg when pg.SqlState == PostgresErrorCodes.QueryCanceled:
                return new DatabaseFailure(200, new GraphQLError("The statement took longer than the statement timeout.", ErrorCodes.StatementTimeout));
            case PostgresException pg when pg.SqlState.StartsWith("22", StringComparison.Ordinal):
                return new DatabaseFailure(200, new GraphQLError(pg.MessageText, ErrorCodes.BadUserInput));
            case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal):
                return new DatabaseFailure(503, new GraphQLError("The database is unavailable.", ErrorCodes.DatabaseUnavailable));
            case PostgresException pg:
                return new DatabaseFailure(200, new GraphQLError(pg.MessageText, ErrorCodes.DatabaseError));
            case NpgsqlException npgsql when npgsql.InnerException is TimeoutException && npgsql.Message.Contains("pool", StringComparison.OrdinalIgnoreCase):
                return new DatabaseFailure(503, new GraphQLError("No database connection became free in time.", ErrorCodes.PoolTimeout));
            case NpgsqlException npgsql when npgsql.InnerException is TimeoutException:
                return new DatabaseFailure(200, new GraphQLError("The statement took longer than the command timeout.", ErrorCodes.StatementTimeout));
            case NpgsqlException npgsql when npgsql.InnerException is SocketException or IOException || npgsql.IsTransient:
                return new DatabaseFailure(503, new GraphQLError("The database is unavailable.", ErrorCodes.DatabaseUnavailable));
            default:
                return null;
        }
    }
}
