namespace Platform.DataPlane.Introspection.Model;

/// <summary>
/// A type used by the exposed objects. <see cref="SqlName"/> is the catalog's own quoted spelling (regtype), safe in casts.
/// Kind: b base, c composite, d domain, e enum, p pseudo, r range, m multirange. A range has its
/// <see cref="RangeSubtypeOid"/>.
/// </summary>
public sealed record PgType(
    long Oid,
    string Schema,
    string Name,
    string SqlName,
    string Kind,
    string Category,
    long? ElementOid,
    long? BaseTypeOid,
    long? ClassOid,
    bool NotNull,
    string? Comment,
    IReadOnlyList<string>? EnumValues,
    long? RangeSubtypeOid = null);
