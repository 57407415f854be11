using Npgsql;
using Platform.DataPlane.SqlHttp.Sql;

namespace Platform.DataPlane.SqlHttp.Results;

/// <summary>
/// The <c>command</c> and <c>rowCount</c> of a result, as node-postgres reports them: the first word of PostgreSQL's
/// command tag, and the tag's row count (null when the tag has none, e.g. CREATE TABLE).
/// </summary>
internal static class CommandVerb
{
    public static string Of(StatementType type, SqlScan scan) => type switch
    {
        // PostgreSQL tags CREATE TABLE ... AS and SELECT ... INTO as "SELECT n".
        StatementType.Select or StatementType.CreateTableAs => "SELECT",
        StatementType.Insert => "INSERT",
        StatementType.Update => "UPDATE",
        StatementType.Delete => "DELETE",
        StatementType.Merge => "MERGE",
        StatementType.Move => "MOVE",
        StatementType.Fetch => "FETCH",
        StatementType.Copy => "COPY",
        StatementType.Call => "CALL",
        // Npgsql keeps no tag text for other statements; their tag starts with the statement's own first word.
        _ => scan.Keyword(0) ?? "",
    };

    public static long? RowCount(StatementType type, ulong rows) => type switch
    {
        StatementType.Select or StatementType.CreateTableAs or StatementType.Insert or StatementType.Update
            or StatementType.Delete or StatementType.Merge or StatementType.Move or StatementType.Fetch or StatementType.Copy => (long)rows,
        _ => null,
    };
}
