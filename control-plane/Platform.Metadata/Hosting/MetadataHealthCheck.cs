using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Metadata.Hosting;

/// <summary>Readiness: the metadata database answers a trivial query within a short deadline.</summary>
public sealed class MetadataHealthCheck(MetadataDataSource metadata) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await using var cmd = metadata.DataSource.CreateCommand("SELECT 1");
            await cmd.ExecuteScalarAsync(cts.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("metadata database unreachable: " + e.GetType().Name);
        }
    }
}
