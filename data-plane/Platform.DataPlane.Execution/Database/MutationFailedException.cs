using Platform.DataPlane.Planning.Errors;

namespace Platform.DataPlane.Execution.Database;

/// <summary>A mutation root field failed; the whole request's transaction has been rolled back.</summary>
internal sealed class MutationFailedException : Exception
{
    public MutationFailedException(GraphQLError error, int statusCode = 200, Exception? innerException = null)
        : base(error.Message, innerException)
    {
        Error = error;
        StatusCode = statusCode;
    }

    public MutationFailedException()
        : this(new GraphQLError("The mutation failed.", ErrorCodes.DatabaseError))
    {
    }

    public MutationFailedException(string message)
        : this(new GraphQLError(message, ErrorCodes.DatabaseError))
    {
    }

    public MutationFailedException(string message, Exception innerException)
        : this(new GraphQLError(message, ErrorCodes.DatabaseError), 200, innerException)
    {
    }

    public GraphQLError Error { get; }

    public int StatusCode { get; }

    /// <summary>For a 503 (pool, availability): how long the client should wait.</summary>
    public int? RetryAfterSeconds { get; init; }
}
