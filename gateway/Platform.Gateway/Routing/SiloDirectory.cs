using Platform.Metadata.Silos;

namespace Platform.Gateway.Routing;

/// <summary>
/// The gateway's view of live silos, refreshed from the metadata registry every second or two. Silos that refuse a
/// connection are set aside briefly so the next request goes elsewhere at once instead of waiting for the refresh.
/// </summary>
internal sealed class SiloDirectory(SiloRegistry registry, ILogger<SiloDirectory> log) : BackgroundService
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan Quarantine = TimeSpan.FromSeconds(5);

    private volatile IReadOnlyList<SiloEndpoint> silos = [];
    private readonly Dictionary<string, DateTimeOffset> quarantined = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private int next;

    // When the last quarantine ends; before then Candidates takes the lock, after it every request skips it.
    private long quarantineEndsTicks;

    public IReadOnlyList<SiloEndpoint> Silos => silos;

    public DateTimeOffset? LastRefresh { get; private set; }

    /// <summary>Silos to try, in order: round robin over healthy ones, quarantined ones last.</summary>
    public IReadOnlyList<SiloEndpoint> Candidates()
    {
        var snapshot = silos;
        if (snapshot.Count == 0)
        {
            return snapshot;
        }

        var now = DateTimeOffset.UtcNow;
        if (now.UtcTicks >= Volatile.Read(ref quarantineEndsTicks))
        {
            // Nothing set aside, the usual case: no lock and, with one silo, no allocation.
            if (snapshot.Count == 1)
            {
                return snapshot;
            }

            var first = (int)((uint)Interlocked.Increment(ref next) % (uint)snapshot.Count);
            var rotated = new SiloEndpoint[snapshot.Count];
            for (var i = 0; i < rotated.Length; i++)
            {
                rotated[i] = snapshot[(first + i) % snapshot.Count];
            }

            return rotated;
        }

        var start = (int)((uint)Interlocked.Increment(ref next) % (uint)snapshot.Count);
        var healthy = new List<SiloEndpoint>(snapshot.Count);
        var held = new List<SiloEndpoint>();
        lock (gate)
        {
            for (var i = 0; i < snapshot.Count; i++)
            {
                var s = snapshot[(start + i) % snapshot.Count];
                (quarantined.TryGetValue(s.HttpUrl, out var until) && until > now ? held : healthy).Add(s);
            }
        }

        healthy.AddRange(held);
        return healthy;
    }

    public bool IsQuarantined(SiloEndpoint silo)
    {
        lock (gate)
        {
            return quarantined.TryGetValue(silo.HttpUrl, out var until) && until > DateTimeOffset.UtcNow;
        }
    }

    public void ReportUnreachable(SiloEndpoint silo)
    {
        lock (gate)
        {
            var until = DateTimeOffset.UtcNow + Quarantine;
            quarantined[silo.HttpUrl] = until;
            Volatile.Write(ref quarantineEndsTicks, Math.Max(Volatile.Read(ref quarantineEndsTicks), until.UtcTicks));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Refresh);
        do
        {
            try
            {
                silos = await registry.ListLiveAsync(stoppingToken);
                LastRefresh = DateTimeOffset.UtcNow;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Could not refresh the silo list; keeping the last one");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
