namespace Platform.Errors;

/// <summary>
/// One failure, whichever part found it: a stable code clients branch on, the HTTP status the code always has (from
/// <see cref="ErrorCatalog"/>), a message for people, and what the surface renderers need besides. Renderers turn it
/// into each surface's shape; metrics read <see cref="Code"/> from here, never from a rendered body.
/// </summary>
public sealed record PlatformError
{
    public PlatformError(string code, string message, int? retryAfterSeconds = null)
    {
        var definition = ErrorCatalog.Get(code);
        Code = code;
        Status = definition.Status;
        Message = message;
        RetryAfterSeconds = retryAfterSeconds ?? definition.RetryAfterSeconds;
    }

    public string Code { get; }

    /// <summary>
    /// The catalog's status for the code. Set it only where docs/errors.md lists a second one (the control plane's
    /// connection check answers DATABASE_HOST_REFUSED with 422: the input is refused, not the service).
    /// </summary>
    public int Status { get; init; }

    public string Message { get; init; }

    /// <summary>Sent as <c>Retry-After</c>: how long a client should wait before trying again; null when it should not.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>PostgreSQL's own report (SQLSTATE, detail, hint, position...) when the tenant database raised the error.</summary>
    public PostgresErrorFields? Postgres { get; init; }

    /// <summary>
    /// The statement reached the database and failed there (an error PostgreSQL raised, the statement timeout, a result
    /// over the size cap): the request itself was fine. GraphQL reports these as execution errors, 200 with
    /// <c>data: null</c>; SQL over HTTP with the code's status.
    /// </summary>
    public bool DuringExecution { get; init; }
}
