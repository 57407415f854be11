namespace Platform.DataPlane.Introspection.Model;

/// <summary>
/// A table ('r', 'p'), view ('v'), materialized view ('m'), foreign table ('f') or composite type ('c').
/// <see cref="Insertable"/>, <see cref="Updatable"/> and <see cref="Deletable"/> are what PostgreSQL can write through
/// (<c>pg_relation_is_updatable</c>: tables, auto-updatable views, views with rules or triggers); null in snapshots
/// recorded before they were read, meaning tables only.
/// </summary>
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
    IReadOnlyList<PgColumn> Columns,
    bool? Insertable = null,
    bool? Updatable = null,
    bool? Deletable = null)
{
    public bool IsTable => Kind is "r" or "p" or "f";

    public bool IsView => Kind is "v" or "m";

    public bool IsCompositeType => Kind == "c";
}
