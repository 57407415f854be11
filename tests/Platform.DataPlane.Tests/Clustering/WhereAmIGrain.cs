using Orleans.Placement;

namespace Platform.DataPlane.Tests.Clustering;

/// <summary>
/// Prefers the caller's silo, so a test decides where the first activation lives by choosing which silo calls first;
/// later callers on other silos then reach that activation remotely.
/// </summary>
[PreferLocalPlacement]
public sealed class WhereAmIGrain(ILocalSiloDetails silo) : Grain, IWhereAmIGrain
{
    private readonly string activationId = Guid.NewGuid().ToString("N");
    private int calls;

    public Task<SiloReport> Report() =>
        Task.FromResult(new SiloReport(RuntimeIdentity, silo.SiloAddress.ToParsableString(), activationId, ++calls));
}
