namespace Platform.DataPlane.Abstractions.Projects;

/// <summary>A SQL-over-HTTP request body as bytes, with the key role the gateway vouched for.</summary>
[GenerateSerializer, Immutable]
public sealed record SqlCall(
    [property: Id(0)] byte[] Body,
    [property: Id(1)] string KeyRole);
