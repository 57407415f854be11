namespace Platform.DataPlane.Execution;

/// <summary>Per-project settings of the GraphQL surface. <paramref name="ExposedSchemas"/> are the PostgreSQL schemas turned into GraphQL.</summary>
public sealed record GraphQLServiceOptions(IReadOnlyList<string> ExposedSchemas, int MaxDepth = 15, int MaxFields = 500, int MaxDocumentBytes = 100_000)
{
    public static GraphQLServiceOptions Default { get; } = new(["public"]);
}
