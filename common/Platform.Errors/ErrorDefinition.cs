namespace Platform.Errors;

/// <summary>What a code always means: its HTTP status and, for codes worth retrying, the default Retry-After.</summary>
public sealed record ErrorDefinition(string Code, int Status, int? RetryAfterSeconds = null);
