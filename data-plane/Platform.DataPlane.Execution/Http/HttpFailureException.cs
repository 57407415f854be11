namespace Platform.DataPlane.Execution.Http;

/// <summary>A request refused at the HTTP layer (method, media type, unreadable body), with the status the spec asks for.</summary>
internal sealed class HttpFailureException : Exception
{
    public HttpFailureException(int statusCode, string code, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Code = code;
    }

    public HttpFailureException()
        : this(400, "BAD_REQUEST", "bad request")
    {
    }

    public HttpFailureException(string message)
        : this(400, "BAD_REQUEST", message)
    {
    }

    public HttpFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 400;
        Code = "BAD_REQUEST";
    }

    public int StatusCode { get; }

    public string Code { get; }
}
