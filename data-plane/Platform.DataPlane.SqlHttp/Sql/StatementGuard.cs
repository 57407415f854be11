namespace Platform.DataPlane.SqlHttp.Sql;

/// <summary>
/// Refuses statements that would break the request's contract or outlive it on a pooled connection.
/// A lexical check on leading keywords: it keeps honest mistakes out; it is not a security boundary
/// (service keys may run any SQL their database role allows).
/// </summary>
internal static class StatementGuard
{
    /// <returns>Why the statement is refused, or null when it may run.</returns>
    public static string? Refusal(SqlScan scan)
    {
        if (scan.StatementCount == 0)
        {
            return "The query holds no statement.";
        }

        if (scan.StatementCount > 1)
        {
            return "A query holds one statement; send several as \"queries\", which run in one transaction.";
        }

        return scan.Keyword(0) switch
        {
            "BEGIN" or "START" or "COMMIT" or "END" or "ABORT" =>
                TransactionControl,
            "ROLLBACK" when !RollsBackToSavepoint(scan) =>
                TransactionControl,
            "PREPARE" or "DEALLOCATE" =>
                "PREPARE and DEALLOCATE are refused: a prepared statement would outlive the request on a pooled connection. Parameters ($1, $2, ...) are bound already.",
            "DISCARD" when scan.Keyword(1) == "ALL" =>
                "DISCARD ALL is refused: the platform resets each connection itself when the request ends.",
            "COPY" =>
                "COPY is refused: it needs PostgreSQL's copy protocol. Use INSERT ... or SELECT instead.",
            _ => null,
        };
    }

    private const string TransactionControl =
        "Transaction control is refused: send the statements together as \"queries\", which run in one transaction. SAVEPOINT, RELEASE and ROLLBACK TO work inside it.";

    private static bool RollsBackToSavepoint(SqlScan scan) =>
        scan.Keyword(1) == "TO" || (scan.Keyword(1) is "WORK" or "TRANSACTION" && scan.Keyword(2) == "TO");
}
