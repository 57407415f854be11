namespace Platform.DataPlane.SqlHttp.Sql;

/// <summary>
/// For statements run under an end-user token: the role and <c>jwt.claims.*</c> are transaction-local settings, and
/// row-level security trusts them, so SQL that could rewrite them (<c>SET ROLE</c>, <c>SET LOCAL jwt.claims.sub</c>,
/// <c>RESET ROLE</c>, <c>set_config(...)</c>, or a <c>DO</c> block or <c>query_to_xml</c> text doing either) would let a token holder become anyone
/// the connection's login role may become. This is lexical, like <see cref="StatementGuard"/>: the project's own
/// functions that set settings from their arguments are outside its reach (decision 0025).
/// </summary>
internal static class EndUserGuard
{
    public static string? Refusal(SqlScan scan)
    {
        if (scan.Keyword(0) is "SET" or "RESET" or "DO")
        {
            return $"{scan.Keyword(0)} is not allowed with an end-user token: the role and claims come from the token alone.";
        }

        return scan.NamesSessionWriter
            ? "set_config, and functions that run SQL given as text (query_to_xml, dblink), are not allowed with an end-user token: the role and claims come from the token alone."
            : null;
    }
}
