using System.Globalization;
using System.Text;
using System.Text.Json;
using Platform.DataPlane.Planning.Binding;
using Platform.DataPlane.Planning.Plans;

namespace Platform.DataPlane.Planning.Live;

/// <summary>
/// Folds the root statements of one live query, run for many subscribers that differ only in their variables, into a
/// single statement (the way Hasura multiplexes live queries): the subscribers' bound parameters become the rows of a
/// VALUES list, and each root statement is joined laterally to it with its placeholders pointing at that row's
/// columns. So N subscribers of one document, role and claims cost one statement per interval, not N.
/// </summary>
public static class MultiplexedQuery
{
    public const string SetAlias = "__live";

    /// <summary>Binds each variable set (it may throw the binder's request errors) and builds the statement.</summary>
    public static MultiplexedStatement Build(IReadOnlyList<SqlStatement> statements, IReadOnlyList<JsonElement?> variableSets)
    {
        var bound = variableSets.Select(v => statements.Select(s => ParameterBinder.Bind(s, v)).ToArray()).ToArray();
        return Build(statements, bound);
    }

    /// <summary><paramref name="bound"/>[set][statement] holds that statement's parameter values for that set.</summary>
    public static MultiplexedStatement Build(IReadOnlyList<SqlStatement> statements, IReadOnlyList<string?[][]> bound)
    {
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentNullException.ThrowIfNull(bound);
        if (statements.Count == 0 || bound.Count == 0)
        {
            throw new ArgumentException("A multiplexed statement needs at least one statement and one variable set.");
        }

        var values = new List<string?>();
        var sql = new StringBuilder(256);
        sql.Append("select ").Append(Quote(SetAlias)).Append(".\"i\"");
        for (var s = 0; s < statements.Count; s++)
        {
            sql.Append(", ").Append(Quote("__r" + N(s))).Append(".\"v\"");
        }

        sql.Append(" from (values ");
        for (var set = 0; set < bound.Count; set++)
        {
            sql.Append(set == 0 ? "(" : ", (");
            values.Add(N(set));
            sql.Append('$').Append(N(values.Count)).Append("::int");
            for (var s = 0; s < statements.Count; s++)
            {
                var row = bound[set][s];
                if (row.Length != statements[s].Parameters.Count)
                {
                    throw new ArgumentException("A variable set does not bind every parameter of its statement.");
                }

                foreach (var value in row)
                {
                    values.Add(value);
                    sql.Append(", $").Append(N(values.Count));
                    // The first row fixes the column types: the statement casts every use itself, so text is right.
                    if (set == 0)
                    {
                        sql.Append("::text");
                    }
                }
            }

            sql.Append(')');
        }

        sql.Append(") as ").Append(Quote(SetAlias)).Append("(\"i\"");
        for (var s = 0; s < statements.Count; s++)
        {
            for (var p = 1; p <= statements[s].Parameters.Count; p++)
            {
                sql.Append(", ").Append(Quote(Column(s, p)));
            }
        }

        sql.Append(')');
        for (var s = 0; s < statements.Count; s++)
        {
            sql.Append(" left join lateral (");
            AppendRebound(sql, statements[s].Text, s);
            sql.Append(") as ").Append(Quote("__r" + N(s))).Append("(\"v\") on true");
        }

        sql.Append(" order by 1");
        return new MultiplexedStatement(sql.ToString(), values, bound.Count, statements.Count);
    }

    /// <summary>
    /// Copies a planner statement with each placeholder $k replaced by the set's column for it. Placeholders are found
    /// by scanning outside quoted identifiers and string literals, the only places the planner writes other text.
    /// </summary>
    internal static void AppendRebound(StringBuilder target, string text, int statement)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                var end = EndOfQuoted(text, i, c);
                target.Append(text, i, end - i);
                i = end;
            }
            else if (c == '$' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && (i == 0 || !IsIdentifierPart(text[i - 1])))
            {
                var start = ++i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                var position = int.Parse(text.AsSpan(start, i - start), CultureInfo.InvariantCulture);
                target.Append(Quote(SetAlias)).Append('.').Append(Quote(Column(statement, position)));
            }
            else
            {
                target.Append(c);
                i++;
            }
        }
    }

    /// <summary>The index just past a quoted run starting at <paramref name="start"/>; a doubled quote stays inside.</summary>
    private static int EndOfQuoted(string text, int start, char quote)
    {
        var i = start + 1;
        while (i < text.Length)
        {
            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return text.Length;
    }

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';

    private static string Column(int statement, int position) => "s" + N(statement) + "_" + N(position);

    private static string Quote(string name) => "\"" + name + "\"";

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
