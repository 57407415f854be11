namespace Platform.DataPlane.Planning.Sql;

/// <summary>What a statement reads of one row source: named columns, or the whole row (a computed column's argument).</summary>
public sealed class RowUse
{
    public HashSet<string> Columns { get; } = new(StringComparer.Ordinal);

    public bool WholeRow { get; set; }
}
