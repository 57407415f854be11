namespace Platform.DataPlane.SqlHttp;

/// <summary>What the HTTP surface sends back: the status, a UTF-8 JSON body, and for 503 a Retry-After hint.</summary>
/// <param name="StatusCode">HTTP status code.</param>
/// <param name="Body">The response body, <c>application/json; charset=utf-8</c>.</param>
/// <param name="RetryAfterSeconds">Set for 503 answers: how long the client should wait before trying again.</param>
/// <param name="ErrorCode">The platform's code of the error the body reports (docs/errors.md), for metrics; null on success.</param>
public sealed record SqlHttpResponse(int StatusCode, byte[] Body, int? RetryAfterSeconds = null, string? ErrorCode = null);
