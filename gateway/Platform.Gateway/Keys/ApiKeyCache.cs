using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Platform.Metadata.Keys;

namespace Platform.Gateway.Keys;

/// <summary>
/// Resolves API keys by hash with a short-lived in-memory cache. Revocations arrive through
/// <see cref="KeyRevocationListener"/> and evict at once; the short positive lifetime is the fallback when a
/// notification is lost, and it shrinks further while the listener is disconnected. Unknown keys are cached
/// negatively, and keys whose hash is not in <see cref="KnownKeyFilter"/> are refused without a lookup, so a flood
/// of bad keys does not reach the metadata database.
/// Concurrent misses on one key share one lookup.
/// </summary>
internal sealed class ApiKeyCache : IDisposable
{
    public static readonly TimeSpan PositiveLifetime = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan DisconnectedPositiveLifetime = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan NegativeLifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Lazy<Task<Entry>>> entries = new(StringComparer.Ordinal);
    private readonly TokenBucketRateLimiter unknownBudget = new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = 5,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    });

    private readonly Func<byte[], Task<ApiKeyRecord?>> find;
    private readonly KnownKeyFilter filter;
    private readonly TimeProvider time;
    private long lookups;
    private long evictions;
    private volatile bool notificationsLive;

    public ApiKeyCache(ApiKeyStore store, KnownKeyFilter filter, TimeProvider time)
        : this(hash => store.FindByHashAsync(hash), filter, time)
    {
    }

    /// <summary>With any lookup in place of the metadata store's (the fast tests' fake).</summary>
    internal ApiKeyCache(Func<byte[], Task<ApiKeyRecord?>> find, KnownKeyFilter filter, TimeProvider time)
    {
        this.find = find;
        this.filter = filter;
        this.time = time;
    }

    /// <summary>Lookups that reached the database, for tests and metrics.</summary>
    public long DatabaseLookups => Interlocked.Read(ref lookups);

    /// <summary>Set by the listener: while false, nothing tells us about revocations, so known keys live shorter.</summary>
    public bool NotificationsLive
    {
        get => notificationsLive;
        set => notificationsLive = value;
    }

    public static string CacheIdOf(byte[] hash) => Convert.ToBase64String(hash);

    public ValueTask<ResolvedKey?> ResolveAsync(string? key, CancellationToken ct)
    {
        if (key is null || !ApiKeySecret.LooksValid(key))
        {
            return ValueTask.FromResult<ResolvedKey?>(null);
        }

        // The dictionary is keyed by the hash, never the key, so no plaintext key sits in memory longer than the request.
        return ResolveHashAsync(ApiKeySecret.Hash(key), ct);
    }

    /// <summary>The key if it is usable now, else null.</summary>
    public ValueTask<ResolvedKey?> ResolveHashAsync(byte[] hash, CancellationToken ct)
    {
        var id = CacheIdOf(hash);

        // The hot path: a fresh entry for a known key answers without a lookup, an allocation or an await.
        if (entries.TryGetValue(id, out var cached) && cached.IsValueCreated && cached.Value.IsCompletedSuccessfully)
        {
            var now = time.GetUtcNow();
            var entry = cached.Value.Result;
            if (entry.ExpiresAt >= now)
            {
                return ValueTask.FromResult(entry.Key is { } k && k.Record.IsUsable(now) ? k : null);
            }
        }

        return ResolveSlowAsync(hash, id, ct);
    }

    private async ValueTask<ResolvedKey?> ResolveSlowAsync(byte[] hash, string id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!filter.MightExist(hash))
        {
            // Almost surely made up. A key issued a moment ago may not have reached the filter yet, so a few such
            // keys a second still get a real lookup; a flood of them does not.
            using var lease = unknownBudget.AttemptAcquire();
            if (!lease.IsAcquired)
            {
                return null;
            }
        }

        while (true)
        {
            var lazy = entries.GetOrAdd(id, static (id, args) => new Lazy<Task<Entry>>(() => args.Cache.LoadAsync(args.Hash, id)), (Cache: this, Hash: hash));
            Entry entry;
            try
            {
                entry = await lazy.Value.WaitAsync(ct);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                entries.TryRemove(new KeyValuePair<string, Lazy<Task<Entry>>>(id, lazy));
                throw;
            }

            if (entry.ExpiresAt >= now)
            {
                return entry.Key is { } k && k.Record.IsUsable(now) ? k : null;
            }

            entries.TryRemove(new KeyValuePair<string, Lazy<Task<Entry>>>(id, lazy));
        }
    }

    public void Evict(string cacheId)
    {
        Interlocked.Increment(ref evictions);
        entries.TryRemove(cacheId, out _);
    }

    /// <summary>
    /// The project's record changed (limits, CORS, roles): every key of it is read again, so the change applies to the
    /// next request rather than when the entries expire. Returns the evicted entries' ids.
    /// </summary>
    public IReadOnlyList<string> EvictProject(Guid projectId)
    {
        Interlocked.Increment(ref evictions);
        var evicted = new List<string>();
        foreach (var (id, lazy) in entries)
        {
            // An entry still loading is made worthless by the eviction count above.
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully && lazy.Value.Result.Key?.Record.ProjectId == projectId
                && entries.TryRemove(new KeyValuePair<string, Lazy<Task<Entry>>>(id, lazy)))
            {
                evicted.Add(id);
            }
        }

        return evicted;
    }

    /// <summary>After notifications may have been missed (listener reconnected) nothing cached can be trusted.</summary>
    public void EvictAll()
    {
        Interlocked.Increment(ref evictions);
        entries.Clear();
    }

    public void Dispose() => unknownBudget.Dispose();

    private async Task<Entry> LoadAsync(byte[] hash, string id)
    {
        if (entries.Count > MaxEntries)
        {
            entries.Clear();
        }

        var evictionsBefore = Interlocked.Read(ref evictions);
        Interlocked.Increment(ref lookups);
        var record = await find(hash);
        var lifetime = record is null ? NegativeLifetime : notificationsLive ? PositiveLifetime : DisconnectedPositiveLifetime;

        // An eviction during the lookup may be for this key, and the row we read may predate it: answer the callers
        // already waiting, but do not keep the answer for anyone else.
        if (Interlocked.Read(ref evictions) != evictionsBefore)
        {
            lifetime = TimeSpan.Zero;
        }

        return new Entry(record is null ? null : new ResolvedKey(record, id), time.GetUtcNow() + lifetime);
    }

    private sealed record Entry(ResolvedKey? Key, DateTimeOffset ExpiresAt);
}
