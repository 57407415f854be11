using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Portal.Health;

/// <summary>
/// Readiness: the portal is only useful while the control-plane API it drives answers. It asks the API itself
/// (<c>/api</c>), on the port the portal uses: where the control plane has a management port, its /healthz is not there.
/// </summary>
public sealed class ControlPlaneHealthCheck(IHttpClientFactory clients) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await clients.CreateClient("control-plane").GetAsync(new Uri("/api", UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("control plane answered " + (int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy("control plane unreachable");
        }
    }
}
