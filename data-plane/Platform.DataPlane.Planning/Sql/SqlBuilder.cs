using System.Text;
using Platform.DataPlane.Planning.Plans;

namespace Platform.DataPlane.Planning.Sql;

/// <summary>
/// Builds one statement from typed pieces: SQL keywords written by the planner, identifiers that are always
/// quoted, names that become string literals, and values that always become positional parameters.
/// Request input can only reach the text through <see cref="Parameter"/>.
/// </summary>
public sealed class SqlBuilder
{
    private readonly StringBuilder text = new(256);
    private readonly List<ParameterSource> parameters = [];
    private readonly Dictionary<ParameterSource, int> positions = [];
    private readonly Dictionary<string, RowUse> uses = new(StringComparer.Ordinal);
    private int aliasCounter;

    public int Length => text.Length;

    /// <summary>Planner-authored SQL (keywords, operators, punctuation). Never pass request input here.</summary>
    public SqlBuilder Sql(string plannerSql)
    {
        text.Append(plannerSql);
        return this;
    }

    public SqlBuilder Identifier(string name)
    {
        text.Append('"').Append(name.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        return this;
    }

    public SqlBuilder QualifiedName(string schema, string name) => Identifier(schema).Sql(".").Identifier(name);

    /// <summary>A column of a row source: <c>alias."column"</c>.</summary>
    public SqlBuilder Column(SqlAlias alias, string column)
    {
        Use(alias).Columns.Add(column);
        return Sql(alias.Name).Sql(".").Identifier(column);
    }

    /// <summary>A row source as one value (a computed column's argument): <c>alias</c>.</summary>
    public SqlBuilder WholeRow(SqlAlias alias)
    {
        Use(alias).WholeRow = true;
        return Sql(alias.WholeRowName ?? alias.Name);
    }

    /// <summary>What has been written so far of <paramref name="alias"/>'s row, so a subquery can produce only that.</summary>
    public RowUse UsesOf(SqlAlias alias) => Use(alias);

    /// <summary>
    /// A name (GraphQL response key, type name) written as a string literal. Such names are lexically restricted,
    /// yet quotes are still doubled so the literal cannot be closed early whatever is passed.
    /// </summary>
    public SqlBuilder NameLiteral(string name)
    {
        text.Append('\'').Append(name.Replace("'", "''", StringComparison.Ordinal)).Append('\'');
        return this;
    }

    public SqlBuilder Parameter(ParameterSource source, SqlTypeName type)
    {
        if (!positions.TryGetValue(source, out var position))
        {
            parameters.Add(source);
            position = parameters.Count;
            positions.Add(source, position);
        }

        // Every value travels as text and is cast here, so one prepared statement serves every value.
        text.Append('$').Append(position).Append("::").Append(type.Text);
        return this;
    }

    /// <summary>A fresh alias for a row source, unique within the statement.</summary>
    public SqlAlias NewAlias(string hint)
    {
        // Catalog names may hold any character; only a short ASCII stem of them reaches an unquoted alias.
        var stem = new string(hint.Where(char.IsAsciiLetterOrDigit).Take(16).ToArray()).ToLowerInvariant();
        return new SqlAlias("__" + stem + "_" + (++aliasCounter).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private RowUse Use(SqlAlias alias)
    {
        if (!uses.TryGetValue(alias.Name, out var use))
        {
            use = new RowUse();
            uses.Add(alias.Name, use);
        }

        return use;
    }

    public SqlStatement Build() => new(text.ToString(), parameters.ToArray());

    public override string ToString() => text.ToString();
}
