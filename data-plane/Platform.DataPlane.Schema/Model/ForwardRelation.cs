namespace Platform.DataPlane.Schema.Model;

/// <summary>A foreign key seen from the referencing row: one target row (<c>groupByGroupId</c>).</summary>
public sealed class ForwardRelation(string fieldName, TableModel target, IReadOnlyList<ColumnModel> localColumns, IReadOnlyList<ColumnModel> targetColumns, bool nonNull)
{
    public string FieldName { get; } = fieldName;

    public TableModel Target { get; } = target;

    public IReadOnlyList<ColumnModel> LocalColumns { get; } = localColumns;

    public IReadOnlyList<ColumnModel> TargetColumns { get; } = targetColumns;

    public bool NonNull { get; } = nonNull;

    public long ConstraintOid { get; init; }
}
