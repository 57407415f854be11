using Platform.Metadata.Projects;

namespace Platform.Gateway.Limits;

/// <summary>The limits one project is held to on this gateway: its own settings where it has them, else the gateway's defaults.</summary>
internal sealed record EffectiveLimits(
    int RequestsPerSecond, int Burst, int MaxConcurrentRequests, int MaxWebSockets, long MaxBodyBytes, TimeSpan UpstreamTimeout, int MinBodyBytesPerSecond, TimeSpan MinBodyGracePeriod)
{
    public static EffectiveLimits Of(GatewayLimitsOptions defaults, ProjectLimits? project) => new(
        Math.Max(1, project?.RequestsPerSecond ?? defaults.RequestsPerSecond),
        Math.Max(1, project?.Burst ?? defaults.Burst),
        Math.Max(1, project?.MaxConcurrentRequests ?? defaults.MaxConcurrentRequests),
        Math.Max(0, project?.MaxWebSockets ?? defaults.MaxWebSockets),
        project?.MaxBodyBytes ?? defaults.MaxBodyBytes,
        project?.UpstreamTimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : defaults.UpstreamTimeout,
        Math.Max(1, project?.MinBodyBytesPerSecond ?? defaults.MinBodyBytesPerSecond),
        defaults.MinBodyGracePeriod);
}
