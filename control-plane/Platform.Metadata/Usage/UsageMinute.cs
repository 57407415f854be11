namespace Platform.Metadata.Usage;

/// <summary>
/// One host's counts for one project and minute. Requests are keyed "surface:class" (e.g. "graphql:2xx"), errors by
/// code. Latency percentiles are the host's own; pool figures are the highest seen in the minute.
/// </summary>
public sealed record UsageMinute(
    Guid ProjectId,
    DateTimeOffset Minute,
    string Host,
    IReadOnlyDictionary<string, long> Requests,
    IReadOnlyDictionary<string, long> Errors,
    double? LatencyP50Ms,
    double? LatencyP99Ms,
    int? PoolInUse,
    int? PoolWaiting);
