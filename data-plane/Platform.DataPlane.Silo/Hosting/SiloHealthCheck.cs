using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Platform.DataPlane.Silo.Hosting;

/// <summary>Readiness: this silo is an active member of the cluster, as the membership oracle sees it.</summary>
internal sealed class SiloHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"{silo.SiloAddress.ToParsableString()} active; {membership.CurrentSnapshot.Members.Count(m => m.Value.Status == SiloStatus.Active)} active silos")
            : HealthCheckResult.Unhealthy("silo status " + status));
    }
}
