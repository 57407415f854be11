namespace Platform.DataPlane.Execution;

/// <summary>
/// The schema could not be built: the database did not answer the catalog query, or the catalog yields an invalid
/// schema. Its message names schema objects only (never hosts or credentials), so it may be shown to the project's owner.
/// </summary>
public sealed class GraphQLServiceBuildException : Exception
{
    /// <summary>The error code a request gets while the project has no schema because of this.</summary>
    public const string ErrorCode = "SCHEMA_BUILD_FAILED";

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
