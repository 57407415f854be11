using Platform.Metadata.Silos;

namespace Platform.Gateway.Routing;

/// <summary>
/// The gateway's view of live silos, refreshed from the metadata registry every second or two. Silos that refuse a
/// connection are set aside briefly so the next request goes elsewhere at once instead of waiting for the refresh.
/// </summary>
public sealed class SiloDirectory(SiloRegistry registry, ILogger<SiloDirectory> log) : BackgroundService
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan Quarantine = TimeSpan.FromSeconds(5);

    private volatile IReadOnlyList<SiloEndpoint> silos = [];
    private readonly Dictionary<string, DateTimeOffset> quarantined = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private int next;

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

        var start = (int)((uint)Interlocked.Increment(ref next) % (uint)snapshot.Count);
        var now = DateTimeOffset.UtcNow;
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
            quarantined[silo.HttpUrl] = DateTimeOffset.UtcNow + Quarantine;
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
