using Platform.DataPlane.Introspection.Model;

namespace Platform.DataPlane.Schema.Building;

/// <summary>One object of a catalog snapshot that the schema can do without: a class, a column, a constraint, a function or a type.</summary>
public sealed record CatalogObject(CatalogObjectKind Kind, long Oid, int ColumnNum = 0)
{
    public static CatalogObject Class(PgClass c) => new(CatalogObjectKind.Class, c.Oid);

    public static CatalogObject Column(PgClass c, PgColumn column) => new(CatalogObjectKind.Column, c.Oid, column.Num);

    public static CatalogObject Constraint(long oid) => new(CatalogObjectKind.Constraint, oid);

    public static CatalogObject Function(PgFunction f) => new(CatalogObjectKind.Function, f.Oid);

    public static CatalogObject Type(long oid) => new(CatalogObjectKind.Type, oid);

    /// <summary>The snapshot without this object (and, for a class, without the constraints that involve it).</summary>
    public CatalogSnapshot RemoveFrom(CatalogSnapshot s) => Kind switch
    {
        CatalogObjectKind.Class => s with
        {
            Classes = s.Classes.Where(c => c.Oid != Oid).ToList(),
            Constraints = s.Constraints.Where(k => k.ClassOid != Oid && k.ForeignClassOid != Oid).ToList(),
        },
        CatalogObjectKind.Column => s with
        {
            Classes = s.Classes.Select(c => c.Oid != Oid ? c : c with { Columns = c.Columns.Where(a => a.Num != ColumnNum).ToList() }).ToList(),
        },
        CatalogObjectKind.Constraint => s with { Constraints = s.Constraints.Where(k => k.Oid != Oid).ToList() },
        CatalogObjectKind.Function => s with { Functions = s.Functions.Where(f => f.Oid != Oid).ToList() },
        _ => s with { Types = s.Types.Where(t => t.Oid != Oid).ToList() },
    };
}
