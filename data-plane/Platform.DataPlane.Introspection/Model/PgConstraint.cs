namespace Platform.DataPlane.Introspection.Model;

/// <summary>A primary key ('p'), unique ('u') or foreign key ('f') constraint; keys are column numbers in order.</summary>
public sealed record PgConstraint(
    long Oid,
    string Name,
    long ClassOid,
    string Kind,
    IReadOnlyList<int> Keys,
    long? ForeignClassOid,
    IReadOnlyList<int>? ForeignKeys,
    string? Comment);
