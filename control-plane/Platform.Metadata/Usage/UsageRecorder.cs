namespace Platform.Metadata.Usage;

/// <summary>
/// A host's usage counts in memory, one bucket per project and minute, handed out once per bucket when the minute is
/// over (<see cref="TakeFinished"/>): that is what keeps the metadata database at one write per project, minute and
/// host however many requests there were. Recording is a dictionary lookup and a lock on the project's bucket; it does
/// no I/O, so it can sit on the request path.
/// </summary>
public sealed class UsageRecorder(TimeProvider time)
{
    /// <summary>Latency samples kept per bucket; past this, reservoir sampling keeps the percentiles representative.</summary>
    public const int MaxSamples = 2048;

    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    private readonly Lock gate = new();
    private Dictionary<(Guid Project, DateTimeOffset Minute), Bucket> buckets = [];

    /// <summary>One answered request: its surface ("graphql", "sql", "websocket"), status, error code when it failed, and latency when it has one.</summary>
    public void Request(Guid project, string surface, int status, string? errorCode, double? latencyMs)
    {
        var bucket = BucketOf(project);
        lock (bucket)
        {
            bucket.Add(surface + ":" + StatusClass(status));
            if (errorCode is not null)
            {
                bucket.Error(errorCode);
            }

            if (latencyMs is { } ms)
            {
                bucket.Sample(ms);
            }
        }
    }

    /// <summary>An error a host answered for a request another host counts (the silo behind the gateway).</summary>
    public void Error(Guid project, string code)
    {
        var bucket = BucketOf(project);
        lock (bucket)
        {
            bucket.Error(code);
        }
    }

    /// <summary>The project's pool as seen now; the minute keeps the highest figures.</summary>
    public void Pool(Guid project, int inUse, int waiting)
    {
        var bucket = BucketOf(project);
        lock (bucket)
        {
            bucket.PoolInUse = Math.Max(bucket.PoolInUse ?? 0, inUse);
            bucket.PoolWaiting = Math.Max(bucket.PoolWaiting ?? 0, waiting);
        }
    }

    /// <summary>The buckets of minutes that are over (all of them when <paramref name="all"/>, at shutdown), removed as they are returned.</summary>
    public IReadOnlyList<UsageMinute> TakeFinished(string host, bool all = false)
    {
        // A request that took its bucket just before the minute turned may still be adding to it: a little grace.
        var current = Minute(time.GetUtcNow() - Grace);
        List<KeyValuePair<(Guid Project, DateTimeOffset Minute), Bucket>> taken;
        lock (gate)
        {
            taken = [.. buckets.Where(b => all || b.Key.Minute < current)];
            if (taken.Count == 0)
            {
                return [];
            }

            var kept = new Dictionary<(Guid, DateTimeOffset), Bucket>();
            foreach (var b in buckets.Where(b => !all && b.Key.Minute >= current))
            {
                kept[b.Key] = b.Value;
            }

            buckets = kept;
        }

        var rows = new List<UsageMinute>(taken.Count);
        foreach (var ((project, minute), bucket) in taken)
        {
            lock (bucket)
            {
                rows.Add(bucket.ToMinute(project, minute, host));
            }
        }

        return rows;
    }

    public static string StatusClass(int status) => status switch
    {
        // A WebSocket's 101 is its success.
        < 200 => "2xx",
        < 300 => "2xx",
        < 400 => "3xx",
        < 500 => "4xx",
        _ => "5xx",
    };

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);

    private Bucket BucketOf(Guid project)
    {
        var key = (project, Minute(time.GetUtcNow()));
        lock (gate)
        {
            if (!buckets.TryGetValue(key, out var bucket))
            {
                buckets[key] = bucket = new Bucket();
            }

            return bucket;
        }
    }

    private sealed class Bucket
    {
        private readonly Dictionary<string, long> requests = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> errors = new(StringComparer.Ordinal);
        private readonly List<double> samples = [];
        private long seen;

        public int? PoolInUse { get; set; }

        public int? PoolWaiting { get; set; }

        public void Add(string key) => requests[key] = requests.GetValueOrDefault(key) + 1;

        public void Error(string code) => errors[code] = errors.GetValueOrDefault(code) + 1;

        public void Sample(double ms)
        {
            seen++;
            if (samples.Count < MaxSamples)
            {
                samples.Add(ms);
            }
            else if (Random.Shared.NextInt64(seen) is var slot && slot < MaxSamples)
            {
                samples[(int)slot] = ms;
            }
        }

        public UsageMinute ToMinute(Guid project, DateTimeOffset minute, string host)
        {
            samples.Sort();
            return new UsageMinute(project, minute, host, new Dictionary<string, long>(requests), new Dictionary<string, long>(errors),
                Percentile(0.50), Percentile(0.99), PoolInUse, PoolWaiting);
        }

        /// <summary>Nearest-rank percentile of the sorted samples.</summary>
        private double? Percentile(double p) =>
            samples.Count == 0 ? null : samples[Math.Clamp((int)Math.Ceiling(p * samples.Count) - 1, 0, samples.Count - 1)];
    }
}
