namespace Platform.Errors;

/// <summary>An error in one surface's shape, ready for the wire. <see cref="Code"/> is kept for metrics and logs.</summary>
public sealed record RenderedError(int Status, string ContentType, byte[] Body, int? RetryAfterSeconds, string Code);
