namespace Platform.Metadata.Projects;

/// <summary>How the GraphQL schema is shaped (the "graphql" section of the settings), as PostGraphile v4's options.</summary>
public sealed record ProjectGraphqlSettings
{
    public static readonly IReadOnlyList<string> SimpleCollectionValues = ["omit", "both", "only"];

    /// <summary>
    /// v4's <c>simpleCollections</c>: <c>omit</c> (connections only, the default), <c>both</c> (a plain list field beside
    /// every connection) or <c>only</c> (lists instead of connections). A <c>@simpleCollections</c> smart tag on a
    /// table, foreign key or function overrides it there.
    /// </summary>
    public string SimpleCollections { get; init; } = "omit";

    public void Validate(List<string> problems)
    {
        if (!SimpleCollectionValues.Contains(SimpleCollections, StringComparer.Ordinal))
        {
            problems.Add("graphql.simpleCollections must be omit, both or only");
        }
    }
}
