namespace Platform.DataPlane.Execution;

/// <summary>
/// Per-project settings of the GraphQL surface. <paramref name="ExposedSchemas"/> are the PostgreSQL schemas turned into GraphQL;
/// a response body over <paramref name="MaxResponseBytes"/> is replaced by a RESPONSE_TOO_LARGE error.
/// <paramref name="Jwt"/>, when set, names the JWT type whose values are returned as signed tokens.
/// </summary>
public sealed record GraphQLServiceOptions(
    IReadOnlyList<string> ExposedSchemas,
    int MaxDepth = 15,
    int MaxFields = 500,
    int MaxDocumentBytes = 100_000,
    int MaxResponseBytes = 5 * 1024 * 1024,
    Jwt.JwtMinting? Jwt = null)
{
    public static GraphQLServiceOptions Default { get; } = new(["public"]);
}
