namespace Platform.DataPlane.Execution;

/// <summary>
/// The schema could not be built: the database did not answer the catalog query, or the catalog yields an invalid
/// schema. Its message names schema objects only (never hosts or credentials), so it may be shown to the project's owner.
/// </summary>
public sealed class GraphQLServiceBuildException : Exception
{
    /// <summary>
    /// True when the database answered and its catalog (or the project's settings) gave no schema, as opposed to the
    /// database not answering; requests then get SCHEMA_BUILD_FAILED with this message.
    /// </summary>
    public bool FromCatalog { get; init; }

    public GraphQLServiceBuildException()
    {
    }

    public GraphQLServiceBuildException(string message)
        : base(message)
    {
    }

    public GraphQLServiceBuildException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
