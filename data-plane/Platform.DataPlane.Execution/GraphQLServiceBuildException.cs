namespace Platform.DataPlane.Execution;

/// <summary>The schema could not be built: the database did not answer the catalog query, or the catalog yields an invalid schema.</summary>
public sealed class GraphQLServiceBuildException : Exception
{
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
