namespace Platform.DataPlane.Introspection.Model;

/// <summary>
/// What the catalog query saw, as plain immutable data: enough to build the GraphQL schema without touching the database again.
/// Serialises to and from the same JSON the catalog query returns. <see cref="Roles"/> are the roles whose privileges
/// shaped it, as asked (sorted, distinct; empty: the connection's role); null in snapshots stored before they were recorded.
/// </summary>
public sealed record CatalogSnapshot(
    int ServerVersion,
    string CurrentRole,
    IReadOnlyList<PgSchema> Schemas,
    IReadOnlyList<PgClass> Classes,
    IReadOnlyList<PgConstraint> Constraints,
    IReadOnlyList<PgType> Types,
    IReadOnlyList<PgFunction> Functions,
    IReadOnlyList<string>? Roles = null);
