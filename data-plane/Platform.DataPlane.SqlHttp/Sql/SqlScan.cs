namespace Platform.DataPlane.SqlHttp.Sql;

/// <summary>What a light lexical pass learns about a query text.</summary>
/// <param name="StatementCount">Statements that hold at least one token (empty ones between semicolons do not count).</param>
/// <param name="Keywords">The leading words of the first statement, upper-cased, up to three; empty if it starts with a non-word.</param>
internal sealed record SqlScan(int StatementCount, IReadOnlyList<string> Keywords)
{
    public string? Keyword(int index) => index < Keywords.Count ? Keywords[index] : null;
}
