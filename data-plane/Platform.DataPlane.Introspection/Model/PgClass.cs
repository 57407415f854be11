namespace Platform.DataPlane.Introspection.Model;

/// <summary>A table ('r', 'p'), view ('v'), materialized view ('m'), foreign table ('f') or composite type ('c').</summary>
public sealed record PgClass(
    long Oid,
    string Schema,
    string Name,
    string Kind,
    long TypeOid,
    string? Comment,
    bool RowSecurity,
    bool ForceRowSecurity,
    bool CanSelect,
    bool CanInsert,
    bool CanUpdate,
    bool CanDelete,
    IReadOnlyList<PgColumn> Columns)
{
    public bool IsTable => Kind is "r" or "p" or "f";

    public bool IsView => Kind is "v" or "m";

    public bool IsCompositeType => Kind == "c";
}
