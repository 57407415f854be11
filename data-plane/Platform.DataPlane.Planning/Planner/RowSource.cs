using Platform.DataPlane.Planning.Sql;
using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Planning.Planner;

/// <summary>
/// Where a connection's rows come from: a table or view, or a set-returning function call, plus how they correlate
/// with the enclosing row (a foreign key) — all written into a FROM/WHERE by <see cref="WriteFrom"/> and <see cref="WriteCorrelation"/>.
/// </summary>
internal sealed class RowSource(TableModel? table, Action<SqlBuilder>? functionCall, Action<SqlBuilder, SqlAlias>? correlation)
{
    /// <summary>The row type; absent only for sets of scalars, which never ask for it.</summary>
    public TableModel Table => table ?? throw new InvalidOperationException("A set of scalars has no row type.");

    public bool IsFunction => functionCall is not null;

    public void WriteFrom(SqlBuilder sql, SqlAlias alias)
    {
        if (functionCall is not null)
        {
            functionCall(sql);
        }
        else
        {
            sql.QualifiedName(Table.Schema, Table.Name);
        }

        sql.Sql(" as ").Sql(alias.Name);
    }

    /// <summary>Writes "true" or the correlation predicate.</summary>
    public void WriteCorrelation(SqlBuilder sql, SqlAlias alias)
    {
        if (correlation is null)
        {
            sql.Sql("true");
        }
        else
        {
            correlation(sql, alias);
        }
    }
}
