namespace Platform.DataPlane.Planning.Errors;

/// <summary>Values of <c>errors[].extensions.code</c>; clients branch on these, so they never change once published.</summary>
public static class ErrorCodes
{
    public const string BadRequest = "BAD_REQUEST";
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string DepthLimitExceeded = "DEPTH_LIMIT_EXCEEDED";
    public const string FieldLimitExceeded = "FIELD_LIMIT_EXCEEDED";
    public const string DocumentTooLarge = "DOCUMENT_TOO_LARGE";
    public const string OperationNotFound = "OPERATION_NOT_FOUND";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string InvalidCursor = "INVALID_CURSOR";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string NotAcceptable = "NOT_ACCEPTABLE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string DatabaseError = "DATABASE_ERROR";
    public const string PoolTimeout = "POOL_TIMEOUT";
    public const string StatementTimeout = "STATEMENT_TIMEOUT";
    public const string DatabaseUnavailable = "DATABASE_UNAVAILABLE";
    public const string ResponseTooLarge = "RESPONSE_TOO_LARGE";
    public const string Unsupported = "UNSUPPORTED";

    /// <summary>An update or delete found no row it may change (absent, or hidden by row-level security).</summary>
    public const string NotFound = "NOT_FOUND";
}
