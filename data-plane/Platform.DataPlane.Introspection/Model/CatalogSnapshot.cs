namespace Platform.DataPlane.Introspection.Model;

/// <summary>
/// What the catalog query saw, as plain immutable data: enough to build the GraphQL schema without touching the database again.
/// Serialises to and from the same JSON the catalog query returns.
/// </summary>
public sealed record CatalogSnapshot(
    int ServerVersion,
    string CurrentRole,
    IReadOnlyList<PgSchema> Schemas,
    IReadOnlyList<PgClass> Classes,
    IReadOnlyList<PgConstraint> Constraints,
    IReadOnlyList<PgType> Types,
    IReadOnlyList<PgFunction> Functions);
