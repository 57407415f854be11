namespace Platform.DataPlane.Execution;

/// <summary>An HTTP request as the host received it; <paramref name="QueryString"/> is the raw query part, with or without the leading '?'.</summary>
public sealed record GraphQLHttpRequest(string Method, string? ContentType, string? Accept, ReadOnlyMemory<byte> Body, string? QueryString);
