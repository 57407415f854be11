namespace Platform.Metadata.Projects;

/// <summary>A project's subscription settings (the <c>realtime</c> section of its settings).</summary>
public sealed record RealtimeSettings
{
    /// <summary>How often live queries re-run while someone is subscribed.</summary>
    public int LiveQueryIntervalMilliseconds { get; init; } = 1000;

    /// <summary>Subscriptions (live queries and listen) the project holds at once, over all its sockets and silos.</summary>
    public int MaxSubscriptions { get; init; } = 1000;

    /// <summary>Live-query statements of this project running at once: its share of the pool, so it cannot starve others.</summary>
    public int MaxConcurrentLiveQueries { get; init; } = 2;

    public void Validate(List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (LiveQueryIntervalMilliseconds is < 100 or > 60_000)
        {
            problems.Add("realtime.liveQueryIntervalMilliseconds must be between 100 and 60000");
        }

        if (MaxSubscriptions is < 1 or > 100_000)
        {
            problems.Add("realtime.maxSubscriptions must be between 1 and 100000");
        }

        if (MaxConcurrentLiveQueries is < 1 or > 100)
        {
            problems.Add("realtime.maxConcurrentLiveQueries must be between 1 and 100");
        }
    }
}
