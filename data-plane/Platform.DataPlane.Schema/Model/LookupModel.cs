namespace Platform.DataPlane.Schema.Model;

/// <summary>A single-row query field over a primary key or unique constraint (<c>eventById</c>, <c>userByEmail</c>).</summary>
public sealed record LookupModel(string FieldName, IReadOnlyList<ColumnModel> Columns, bool IsPrimaryKey)
{
    public long ConstraintOid { get; init; }
}
