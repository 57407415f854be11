namespace Platform.DataPlane.Planning.Errors;

/// <summary>
/// A request that cannot be planned or executed: the document, the variables or the limits are at fault, not the server.
/// Nothing has been sent to the database when this is thrown during planning or binding.
/// </summary>
public sealed class GraphQLRequestException : Exception
{
    public GraphQLRequestException(IReadOnlyList<GraphQLError> errors)
        : base(errors.Count > 0 ? errors[0].Message : "invalid request")
    {
        Errors = errors;
    }

    public GraphQLRequestException(string code, string message, int? line = null, int? column = null)
        : this([new GraphQLError(message, code, line, column)])
    {
    }

    public GraphQLRequestException()
        : this(ErrorCodes.BadRequest, "invalid request")
    {
    }

    public GraphQLRequestException(string message)
        : this(ErrorCodes.BadRequest, message)
    {
    }

    public GraphQLRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new GraphQLError(message, ErrorCodes.BadRequest)];
    }

    public IReadOnlyList<GraphQLError> Errors { get; }
}
