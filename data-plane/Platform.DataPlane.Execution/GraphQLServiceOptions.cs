namespace Platform.DataPlane.Execution;

/// <summary>
/// Per-project settings of the GraphQL surface. <paramref name="ExposedSchemas"/> are the PostgreSQL schemas turned into GraphQL;
/// a response body over <paramref name="MaxResponseBytes"/> is replaced by a RESPONSE_TOO_LARGE error.
/// <paramref name="ExposedRoles"/> are the roles requests may run as: a table, column or function that none of them
/// may use is left out of the schema (null or empty: the role of the connection that introspects).
/// <paramref name="Jwt"/>, when set, names the JWT type whose values are returned as signed tokens.
/// <paramref name="PlanCache"/> bounds the compiled-plan cache (null: <see cref="Caching.PlanCacheLimits.Default"/>).
/// <paramref name="SimpleCollections"/> is PostGraphile v4's <c>simpleCollections</c> option (omit, both, only).
/// </summary>
public sealed record GraphQLServiceOptions(
    IReadOnlyList<string> ExposedSchemas,
    int MaxDepth = 15,
    int MaxFields = 500,
    int MaxDocumentBytes = 100_000,
    int MaxResponseBytes = 5 * 1024 * 1024,
    IReadOnlyList<string>? ExposedRoles = null,
    Jwt.JwtMinting? Jwt = null,
    Caching.PlanCacheLimits? PlanCache = null,
    string SimpleCollections = "omit")
{
    public static GraphQLServiceOptions Default { get; } = new(["public"]);

    /// <summary>Sorted and distinct, as the catalog query takes them.</summary>
    public IReadOnlyList<string> RoleList => (ExposedRoles ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Whether a snapshot was introspected for these roles (one stored before roles were recorded never was).</summary>
    public bool MadeFor(Introspection.Model.CatalogSnapshot snapshot) =>
        snapshot.Roles is { } roles && roles.Order(StringComparer.Ordinal).SequenceEqual(RoleList, StringComparer.Ordinal);
}
