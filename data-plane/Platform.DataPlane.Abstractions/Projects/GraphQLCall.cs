using Platform.Metadata.Keys;

namespace Platform.DataPlane.Abstractions.Projects;

/// <summary>A GraphQL-over-HTTP request as bytes: the grain parses it, so nothing is deserialised twice.</summary>
[GenerateSerializer, Immutable]
public sealed record GraphQLCall(
    [property: Id(0)] string Method,
    [property: Id(1)] string? ContentType,
    [property: Id(2)] string? Accept,
    [property: Id(3)] byte[] Body,
    [property: Id(4)] string? QueryString,
    [property: Id(5)] ApiKeyRole KeyRole,
    [property: Id(6)] string? Authorization = null);
