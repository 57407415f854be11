using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Gateway.Routing;

/// <summary>Readiness: the gateway knows at least one live silo to send traffic to.</summary>
internal sealed class SiloDirectoryHealthCheck(SiloDirectory directory) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(directory.Silos.Count > 0
            ? HealthCheckResult.Healthy($"{directory.Silos.Count} live silos")
            : HealthCheckResult.Unhealthy("no live silo known"));
}
