using Codes = Platform.Errors.ErrorCodes;

namespace Platform.DataPlane.Planning.Errors;

/// <summary>
/// Values of <c>errors[].extensions.code</c>: the engine's names for codes of the platform's one list
/// (<see cref="Platform.Errors.ErrorCodes"/>, docs/errors.md). Clients branch on these, so they never change once published.
/// </summary>
public static class ErrorCodes
{
    public const string BadRequest = Codes.BadRequest;
    public const string ParseFailed = Codes.GraphQLParseFailed;
    public const string ValidationFailed = Codes.GraphQLValidationFailed;
    public const string DepthLimitExceeded = Codes.DepthLimitExceeded;
    public const string FieldLimitExceeded = Codes.FieldLimitExceeded;
    public const string DocumentTooLarge = Codes.DocumentTooLarge;
    public const string OperationNotFound = Codes.OperationNotFound;
    public const string BadUserInput = Codes.BadUserInput;
    public const string InvalidCursor = Codes.InvalidCursor;
    public const string MethodNotAllowed = Codes.MethodNotAllowed;
    public const string NotAcceptable = Codes.NotAcceptable;
    public const string UnsupportedMediaType = Codes.UnsupportedMediaType;
    public const string BodyTooLarge = Codes.BodyTooLarge;
    public const string DatabaseError = Codes.DatabaseError;
    public const string PoolTimeout = Codes.PoolTimeout;
    public const string StatementTimeout = Codes.StatementTimeout;
    public const string DatabaseUnavailable = Codes.DatabaseUnavailable;
    public const string ResponseTooLarge = Codes.ResponseTooLarge;
    public const string Unsupported = Codes.Unsupported;

    /// <summary>An update or delete found no row it may change (absent, or hidden by row-level security).</summary>
    public const string NotFound = Codes.NotFound;
}
