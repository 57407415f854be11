using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Platform.Metadata.Keys;

namespace Platform.Gateway.Limits;

/// <summary>
/// Rate, concurrency and WebSocket limits, one <see cref="ProjectLimitState"/> per project, never queuing: over a limit
/// is an answer at once. Each project's limits come from its settings (carried by its keys' cache entries, so a change
/// applies within the key cache's lifetime), else from Platform:Gateway:Limits.
/// </summary>
internal sealed class ProjectLimiters(IOptions<GatewayLimitsOptions> options)
{
    private readonly GatewayLimitsOptions defaults = options.Value;
    private readonly ConcurrentDictionary<Guid, ProjectLimitState> projects = new();

    public GatewayLimitsOptions Defaults => defaults;

    /// <summary>The project's counters, with its limits refreshed from the key's record.</summary>
    public ProjectLimitState For(ApiKeyRecord key)
    {
        if (!projects.TryGetValue(key.ProjectId, out var state))
        {
            state = projects.GetOrAdd(key.ProjectId, _ => new ProjectLimitState(EffectiveLimits.Of(defaults, key.Limits), key.Limits));
        }

        state.Refresh(key.Limits, defaults);
        return state;
    }

    public static int RetryAfterSeconds(TimeSpan after) => Math.Max(1, (int)Math.Ceiling(after.TotalSeconds));
}
