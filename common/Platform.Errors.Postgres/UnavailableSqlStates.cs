using Npgsql;

namespace Platform.Errors.Postgres;

/// <summary>
/// The SQLSTATEs that mean the database, not the statement, is in trouble, so the answer is DATABASE_UNAVAILABLE:
/// class 08 connection exceptions (except 08P01, a protocol complaint about this request), class 57P shutdowns and
/// crashes (57P01-57P05), and 53300, the server's own connection limit. Defined here only.
/// </summary>
public static class UnavailableSqlStates
{
    public static bool Contains(string sqlState)
    {
        ArgumentNullException.ThrowIfNull(sqlState);
        return (sqlState.StartsWith("08", StringComparison.Ordinal) && sqlState != PostgresErrorCodes.ProtocolViolation)
            || sqlState.StartsWith("57P", StringComparison.Ordinal)
            || sqlState == PostgresErrorCodes.TooManyConnections;
    }
}
