namespace Platform.DataPlane.SqlHttp.Errors;

/// <summary>The platform's own error codes. PostgreSQL errors carry their SQLSTATE instead.</summary>
public static class ErrorCodes
{
    public const string BadRequest = "BAD_REQUEST";
    public const string StatementTimeout = "STATEMENT_TIMEOUT";
    public const string ResponseTooLarge = "RESPONSE_TOO_LARGE";
    public const string PoolTimeout = "POOL_TIMEOUT";
    public const string DatabaseUnavailable = "DATABASE_UNAVAILABLE";
    public const string InternalError = "INTERNAL_ERROR";
}
