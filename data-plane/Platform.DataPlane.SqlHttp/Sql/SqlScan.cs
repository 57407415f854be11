namespace Platform.DataPlane.SqlHttp.Sql;

/// <summary>What a light lexical pass learns about a query text.</summary>
/// <param name="StatementCount">Statements that hold at least one token (empty ones between semicolons do not count).</param>
/// <param name="Keywords">The leading words of the first statement, upper-cased, up to three; empty if it starts with a non-word.</param>
internal sealed record SqlScan(int StatementCount, IReadOnlyList<string> Keywords)
{
    /// <summary>A function that sets settings or runs SQL text (set_config, query_to_xml, dblink...) is named outside strings and comments.</summary>
    public bool NamesSessionWriter { get; init; }

    public string? Keyword(int index) => index < Keywords.Count ? Keywords[index] : null;
}
