namespace Platform.DataPlane.SqlHttp.Sql;

/// <summary>
/// Splits nothing and parses nothing: it only walks PostgreSQL's lexical layer (strings, E-strings, dollar quotes,
/// quoted identifiers, nested comments) so a semicolon inside any of them is not taken for a statement boundary.
/// Npgsql splits parameterless command texts on semicolons itself, so this is what keeps one <c>query</c> one statement.
/// </summary>
internal static class SqlScanner
{
    private const int KeywordsKept = 3;

    public static SqlScan Scan(string sql)
    {
        var statements = 0;
        var inStatement = false;
        var keywords = new List<string>(KeywordsKept);
        var collecting = true;
        var namesSessionWriter = false;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '-' && At(sql, i + 1) == '-')
            {
                i = SkipLineComment(sql, i);
                continue;
            }

            if (c == '/' && At(sql, i + 1) == '*')
            {
                i = SkipBlockComment(sql, i);
                continue;
            }

            if (c == ';')
            {
                if (inStatement)
                {
                    statements++;
                    inStatement = false;
                    collecting = false;
                }

                i++;
                continue;
            }

            inStatement = true;
            var start = i;
            i = SkipToken(sql, i);
            namesSessionWriter = namesSessionWriter || IsSessionWriter(sql.AsSpan(start, i - start));
            if (collecting && statements == 0)
            {
                if (keywords.Count < KeywordsKept && IsWordStart(c))
                {
                    keywords.Add(sql[start..i].ToUpperInvariant());
                }
                else
                {
                    collecting = false;
                }
            }
        }

        return new SqlScan(statements + (inStatement ? 1 : 0), keywords) { NamesSessionWriter = namesSessionWriter };
    }

    /// <summary>
    /// Functions that set a setting (set_config) or run SQL given as text, which could call it unseen by this scan
    /// (query_to_xml and its siblings, dblink). Matched as words in any case, or as quoted identifiers.
    /// </summary>
    private static readonly string[] SessionWriters =
        ["set_config", "query_to_xml", "query_to_xmlschema", "query_to_xml_and_xmlschema", "dblink", "dblink_exec"];

    private static bool IsSessionWriter(ReadOnlySpan<char> token)
    {
        var quoted = token.Length > 2 && token[0] == '"' && token[^1] == '"';
        var name = quoted ? token[1..^1] : token;
        foreach (var writer in SessionWriters)
        {
            if (quoted ? name.SequenceEqual(writer) : name.Equals(writer, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static int SkipToken(string sql, int i)
    {
        var c = sql[i];
        if (c == '\'')
        {
            return SkipQuoted(sql, i, '\'', backslashEscapes: false);
        }

        if (c == '"')
        {
            return SkipQuoted(sql, i, '"', backslashEscapes: false);
        }

        if (c == '$' && DollarTag(sql, i) is { } tag)
        {
            var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
            return end < 0 ? sql.Length : end + tag.Length;
        }

        if (IsWordStart(c))
        {
            var end = i + 1;
            while (end < sql.Length && IsWordPart(sql[end]))
            {
                end++;
            }

            // E'...' is the one string form where a backslash escapes the closing quote.
            if (end == i + 1 && (c == 'e' || c == 'E') && At(sql, end) == '\'')
            {
                return SkipQuoted(sql, end, '\'', backslashEscapes: true);
            }

            return end;
        }

        return i + 1;
    }

    private static int SkipQuoted(string sql, int open, char quote, bool backslashEscapes)
    {
        var i = open + 1;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (backslashEscapes && c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == quote)
            {
                // A doubled quote is an escaped quote, not the end.
                if (At(sql, i + 1) == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return sql.Length;
    }

    private static string? DollarTag(string sql, int i)
    {
        var end = i + 1;
        if (end < sql.Length && sql[end] != '$')
        {
            if (!IsWordStart(sql[end]))
            {
                return null;
            }

            while (end < sql.Length && IsWordPart(sql[end]) && sql[end] != '$')
            {
                end++;
            }
        }

        return At(sql, end) == '$' ? sql[i..(end + 1)] : null;
    }

    private static int SkipLineComment(string sql, int i)
    {
        var end = sql.IndexOf('\n', i);
        return end < 0 ? sql.Length : end + 1;
    }

    private static int SkipBlockComment(string sql, int i)
    {
        var depth = 0;
        while (i < sql.Length)
        {
            if (sql[i] == '/' && At(sql, i + 1) == '*')
            {
                depth++;
                i += 2;
            }
            else if (sql[i] == '*' && At(sql, i + 1) == '/')
            {
                depth--;
                i += 2;
                if (depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return sql.Length;
    }

    private static char At(string sql, int i) => i < sql.Length ? sql[i] : '\0';

    private static bool IsWordStart(char c) => char.IsLetter(c) || c == '_' || c > '\u007f';

    private static bool IsWordPart(char c) => IsWordStart(c) || char.IsDigit(c) || c == '$';
}
