using System.Diagnostics;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Platform.Metadata.Projects;

namespace Platform.Gateway.Limits;

/// <summary>
/// One project's counters on this gateway: a token bucket refilled from the clock on each take (no timers, so a
/// change of rate applies to the next request), requests in flight and open WebSockets. Limits can change while the
/// counters keep running, so a settings change neither refills a drained bucket nor drops requests in flight.
/// </summary>
internal sealed class ProjectLimitState
{
    private readonly Lock bucketLock = new();
    private double tokens;
    private long refilledAt;
    private int inFlight;
    private int sockets;
    private volatile EffectiveLimits limits;
    private volatile MinDataRate bodyRate;
    private ProjectLimits? source;

    public ProjectLimitState(EffectiveLimits limits, ProjectLimits? source)
    {
        this.limits = limits;
        this.source = source;
        bodyRate = new MinDataRate(limits.MinBodyBytesPerSecond, limits.MinBodyGracePeriod);
        tokens = limits.Burst;
        refilledAt = Stopwatch.GetTimestamp();
    }

    public EffectiveLimits Limits => limits;

    /// <summary>The project's minimum body rate in Kestrel's form, made once per change of limits rather than per request.</summary>
    public MinDataRate BodyRate => bodyRate;

    /// <summary>
    /// Brings the limits up to date with the settings a key's cache entry carries. The same settings object comes back
    /// for the life of the entry, so the usual case is one reference comparison.
    /// </summary>
    public void Refresh(ProjectLimits? settings, GatewayLimitsOptions defaults)
    {
        if (ReferenceEquals(settings, Volatile.Read(ref source)))
        {
            return;
        }

        var next = EffectiveLimits.Of(defaults, settings);
        if (next != limits)
        {
            lock (bucketLock)
            {
                tokens = Math.Min(tokens, next.Burst);
                limits = next;
                bodyRate = new MinDataRate(next.MinBodyBytesPerSecond, next.MinBodyGracePeriod);
            }
        }

        Volatile.Write(ref source, settings);
    }

    /// <summary>Takes one token; when none is left, says how long until one will be.</summary>
    public bool TryTakeToken(out TimeSpan retryAfter)
    {
        lock (bucketLock)
        {
            var now = Stopwatch.GetTimestamp();
            var l = limits;
            tokens = Math.Min(l.Burst, tokens + (Stopwatch.GetElapsedTime(refilledAt, now).TotalSeconds * l.RequestsPerSecond));
            refilledAt = now;
            if (tokens >= 1)
            {
                tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - tokens) / l.RequestsPerSecond);
            return false;
        }
    }

    /// <summary>Counts a request in flight; false when the project already has its maximum.</summary>
    public bool TryEnterRequest() => TryIncrement(ref inFlight, limits.MaxConcurrentRequests);

    public void ExitRequest() => Interlocked.Decrement(ref inFlight);

    /// <summary>Counts an open WebSocket; null when the project already has its maximum.</summary>
    public IDisposable? TryOpenSocket() => TryIncrement(ref sockets, limits.MaxWebSockets) ? new SocketSlot(this) : null;

    private static bool TryIncrement(ref int counter, int max)
    {
        if (Interlocked.Increment(ref counter) > max)
        {
            Interlocked.Decrement(ref counter);
            return false;
        }

        return true;
    }

    private sealed class SocketSlot(ProjectLimitState owner) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner.sockets);
            }
        }
    }
}
