using Platform.Metadata.Keys;

namespace Platform.DataPlane.Abstractions.Projects;

/// <summary>
/// A SQL-over-HTTP request body as bytes, with the key role the gateway vouched for, the request's <c>Neon-*</c>
/// headers (name to value) and its Authorization header (an end-user token).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SqlCall(
    [property: Id(0)] byte[] Body,
    [property: Id(1)] ApiKeyRole KeyRole,
    [property: Id(2)] IReadOnlyDictionary<string, string>? NeonHeaders = null,
    [property: Id(3)] string? Authorization = null);
