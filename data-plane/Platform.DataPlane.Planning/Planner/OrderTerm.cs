using Platform.DataPlane.Planning.Sql;
using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Planning.Planner;

/// <summary>
/// One ORDER BY value of a connection: a column, or a <c>@sortable</c> computed column called with the row alone (as
/// v4 does). PostgreSQL's defaults apply: ascending puts nulls last, descending first.
/// </summary>
public sealed record OrderTerm(ColumnModel? Column, bool Descending, FunctionModel? Function = null)
{
    public OrderTerm(ColumnModel column, bool descending)
        : this(column, descending, null)
    {
    }

    public Schema.Model.ValueType Type => Column?.Type ?? Function!.ReturnType!;

    /// <summary>Only a NOT NULL column is known never to be null; a function may return null for any row.</summary>
    public bool NonNull => Column?.NonNull ?? false;

    /// <summary>The value on <paramref name="row"/>: <c>row."column"</c> or <c>"schema"."fn"(row)</c>.</summary>
    public SqlBuilder Write(SqlBuilder sql, SqlAlias row) => Column is { } column
        ? sql.Column(row, column.Name)
        : sql.Sql("(").QualifiedName(Function!.Function.Schema, Function.Function.Name).Sql("(").WholeRow(row).Sql("))");
}
