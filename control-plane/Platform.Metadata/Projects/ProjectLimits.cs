namespace Platform.Metadata.Projects;

/// <summary>
/// A project's own gateway limits (the "limits" section of the settings). Every property is optional: null means the
/// gateway's configured default (Platform:Gateway:Limits). Each gateway instance counts its own traffic, so with N
/// gateways a project may get up to N times the rate; that is what gateways without a shared store do.
/// </summary>
public sealed record ProjectLimits
{
    /// <summary>Sustained requests per second (token bucket refill).</summary>
    public int? RequestsPerSecond { get; init; }

    /// <summary>Token bucket size: requests a quiet project may send at once.</summary>
    public int? Burst { get; init; }

    public int? MaxConcurrentRequests { get; init; }

    public int? MaxWebSockets { get; init; }

    public long? MaxBodyBytes { get; init; }

    /// <summary>
    /// The slowest a request body may arrive, in bytes per second after a short grace period; slower bodies are cut
    /// off with 408 BODY_TIMEOUT, so a trickled body cannot hold one of the project's request slots for minutes.
    /// </summary>
    public int? MinBodyBytesPerSecond { get; init; }

    /// <summary>Silence from the silo, in seconds, after which an HTTP request ends with 504 UPSTREAM_TIMEOUT.</summary>
    public int? UpstreamTimeoutSeconds { get; init; }

    /// <summary>Adds a message per value out of range. The bounds keep one project from asking for what would hurt the gateway.</summary>
    public void Validate(List<string> problems)
    {
        Check(problems, "limits.requestsPerSecond", RequestsPerSecond, 1, 100_000);
        Check(problems, "limits.burst", Burst, 1, 1_000_000);
        Check(problems, "limits.maxConcurrentRequests", MaxConcurrentRequests, 1, 10_000);
        Check(problems, "limits.maxWebSockets", MaxWebSockets, 0, 100_000);
        // The silos read at most 1 MiB themselves, so a project can only lower the body limit.
        Check(problems, "limits.maxBodyBytes", MaxBodyBytes, 1024, 1 << 20);
        Check(problems, "limits.upstreamTimeoutSeconds", UpstreamTimeoutSeconds, 1, 3600);
        Check(problems, "limits.minBodyBytesPerSecond", MinBodyBytesPerSecond, 100, 1 << 20);
    }

    private static void Check(List<string> problems, string name, long? value, long min, long max)
    {
        if (value is { } v && (v < min || v > max))
        {
            problems.Add($"{name} must be between {min} and {max}");
        }
    }
}
