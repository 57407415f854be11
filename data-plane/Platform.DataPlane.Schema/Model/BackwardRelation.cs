namespace Platform.DataPlane.Schema.Model;

/// <summary>
/// A foreign key seen from the referenced row: a connection of referencing rows (<c>eventsByGroupId</c>),
/// or a single row when the foreign key columns are unique (<c>eventVenueByEventId</c>).
/// </summary>
public sealed class BackwardRelation(string fieldName, TableModel source, IReadOnlyList<ColumnModel> sourceColumns, IReadOnlyList<ColumnModel> localColumns, bool isUnique)
{
    public string FieldName { get; } = fieldName;

    /// <summary>v4's simple collection of the referencing rows (<c>eventsByGroupIdList</c>).</summary>
    public string ListFieldName => FieldName + "List";

    /// <summary>
    /// v4's <c>@simpleCollections</c> for this relation: the foreign key constraint's tag, else the referencing
    /// table's (which defaults to the project's <c>simpleCollections</c> setting).
    /// </summary>
    public string? SimpleCollections { get; init; }

    /// <summary>A connection field, unless the relation's simple collections are <c>only</c>.</summary>
    public bool HasConnection => IsUnique || SimpleCollections != "only";

    public bool HasList => !IsUnique && SimpleCollections is "only" or "both";

    public TableModel Source { get; } = source;

    /// <summary>The referencing columns on <see cref="Source"/>.</summary>
    public IReadOnlyList<ColumnModel> SourceColumns { get; } = sourceColumns;

    /// <summary>The referenced columns on this table.</summary>
    public IReadOnlyList<ColumnModel> LocalColumns { get; } = localColumns;

    public bool IsUnique { get; } = isUnique;

    public long ConstraintOid { get; init; }
}
