namespace Platform.DataPlane.Execution;

/// <summary>
/// The complete HTTP answer: the host copies status, content type, body and Retry-After as they are.
/// <paramref name="ErrorCode"/> is the code of the (first) error the body reports, for metrics; null for a clean answer.
/// </summary>
public sealed record GraphQLHttpResponse(int StatusCode, string ContentType, byte[] Body, string? ErrorCode = null, int? RetryAfterSeconds = null);
