namespace Platform.DataPlane.Abstractions.Projects;

[GenerateSerializer, Immutable]
public sealed record ProjectGrainStatus(
    [property: Id(0)] string SiloAddress,
    [property: Id(1)] string SchemaFingerprint,
    [property: Id(2)] int PoolSize,
    [property: Id(3)] DateTimeOffset ActivatedAt,
    [property: Id(4)] bool SchemaRestored);
