using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Limits;

/// <summary>Rate, concurrency and WebSocket limits, one partition per project, never queuing: over a limit is an answer at once.</summary>
public sealed class ProjectLimiters : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> rate;
    private readonly PartitionedRateLimiter<Guid> concurrency;
    private readonly ConcurrentDictionary<Guid, StrongBox<int>> sockets = new();
    private readonly int maxSockets;

    public ProjectLimiters(IOptions<GatewayLimitsOptions> options)
    {
        var o = options.Value;
        maxSockets = o.MaxWebSockets;

        // Refill in small steps so a project is not held back until the next whole second.
        var (period, tokens) = o.RequestsPerSecond >= 10
            ? (TimeSpan.FromMilliseconds(100), (int)Math.Ceiling(o.RequestsPerSecond / 10.0))
            : (TimeSpan.FromSeconds(1.0 / Math.Max(1, o.RequestsPerSecond)), 1);
        rate = PartitionedRateLimiter.Create<Guid, Guid>(project => RateLimitPartition.GetTokenBucketLimiter(project, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, o.Burst),
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        concurrency = PartitionedRateLimiter.Create<Guid, Guid>(project => RateLimitPartition.GetConcurrencyLimiter(project, _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = Math.Max(1, o.MaxConcurrentRequests),
            QueueLimit = 0,
        }));
    }

    public RateLimitLease TakeToken(Guid project) => rate.AttemptAcquire(project);

    public RateLimitLease EnterRequest(Guid project) => concurrency.AttemptAcquire(project);

    /// <summary>Counts an open WebSocket; null when the project already has its maximum.</summary>
    public IDisposable? OpenSocket(Guid project)
    {
        var count = sockets.GetOrAdd(project, _ => new StrongBox<int>());
        if (Interlocked.Increment(ref count.Value) > maxSockets)
        {
            Interlocked.Decrement(ref count.Value);
            return null;
        }

        return new SocketSlot(count);
    }

    public static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;

    public void Dispose()
    {
        rate.Dispose();
        concurrency.Dispose();
    }

    private sealed class SocketSlot(StrongBox<int> count) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                Interlocked.Decrement(ref count.Value);
            }
        }
    }
}
