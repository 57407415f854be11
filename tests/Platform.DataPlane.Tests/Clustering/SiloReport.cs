namespace Platform.DataPlane.Tests.Clustering;

/// <summary>What a <see cref="IWhereAmIGrain"/> activation knows about itself; it crosses silos, so it is serialized.</summary>
[GenerateSerializer]
[Immutable]
public sealed record SiloReport(
    [property: Id(0)] string RuntimeIdentity,
    [property: Id(1)] string SiloAddress,
    [property: Id(2)] string ActivationId,
    [property: Id(3)] int Calls);
