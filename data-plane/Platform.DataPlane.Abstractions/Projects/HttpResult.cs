using Platform.Errors;

namespace Platform.DataPlane.Abstractions.Projects;

/// <summary>
/// A finished HTTP answer: the silo's endpoint copies it to the wire as is. <see cref="ErrorCode"/> names the error the
/// body reports (docs/errors.md), so metrics never parse a body; null for a clean answer.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HttpResult(
    [property: Id(0)] int StatusCode,
    [property: Id(1)] string ContentType,
    [property: Id(2)] byte[] Body,
    [property: Id(3)] int? RetryAfterSeconds = null,
    [property: Id(4)] string? ErrorCode = null)
{
    public static HttpResult From(RenderedError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new HttpResult(error.Status, error.ContentType, error.Body, error.RetryAfterSeconds, error.Code);
    }
}
