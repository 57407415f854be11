using System.Text;

namespace Platform.DataPlane.Planning.Tests.Support;

/// <summary>
/// Lays a planned statement out for review, one clause per line: each subquery's <c>select</c> starts a line indented by
/// its nesting, and its own <c>from</c>, <c>where</c>, <c>order by</c>, <c>limit</c>... start lines under it. Only
/// whitespace outside literals and quoted identifiers changes, so the text stays the same SQL.
/// </summary>
public static class SqlLayout
{
    /// <summary>Statements that open a subquery or a common table expression's body.</summary>
    private static readonly string[] Statements = ["select", "insert", "update", "delete"];

    private static readonly string[] Clauses =
        ["from", "where", "group by", "having", "order by", "limit", "offset", "returning", "values", "set", "on conflict", "union all", "union"];

    public static string Format(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var output = new StringBuilder(sql.Length + (sql.Length / 8));
        var selects = new Stack<int>();
        var depth = 0;
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c is '\'' or '"')
            {
                var end = EndOfQuoted(sql, i);
                output.Append(sql, i, end - i);
                i = end - 1;
                continue;
            }

            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                while (selects.Count > 0 && selects.Peek() >= depth)
                {
                    selects.Pop();
                }

                depth--;
            }
            else if (c == ' ' && depth == (selects.Count > 0 ? selects.Peek() : 0)
                && (Clauses.Any(k => WordAt(sql, i + 1, k)) || (sql[i - 1] == ')' && WordAt(sql, i + 1, "select"))))
            {
                // A clause of the statement at this level, or the main statement after a common table expression.
                Break(output, depth);
                continue;
            }
            else if (i > 0 && sql[i - 1] == '(' && Statements.Any(k => WordAt(sql, i, k)))
            {
                selects.Push(depth);
                Break(output, depth);
            }

            output.Append(c);
        }

        return output.ToString();
    }

    private static void Break(StringBuilder output, int depth) => output.Append('\n').Append(' ', depth * 2);

    /// <summary>The index just past a '...' literal or "..." identifier starting at <paramref name="start"/>; doubled quotes stay inside.</summary>
    private static int EndOfQuoted(string sql, int start)
    {
        var quote = sql[start];
        var i = start + 1;
        while (i < sql.Length)
        {
            if (sql[i] == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote)
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

    private static bool WordAt(string sql, int index, string word) =>
        index + word.Length <= sql.Length
        && string.CompareOrdinal(sql, index, word, 0, word.Length) == 0
        && (index + word.Length == sql.Length || !(char.IsLetterOrDigit(sql[index + word.Length]) || sql[index + word.Length] == '_'));
}
