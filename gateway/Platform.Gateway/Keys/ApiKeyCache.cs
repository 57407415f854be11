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
public sealed class ApiKeyCache(ApiKeyStore store, KnownKeyFilter filter, TimeProvider time) : IDisposable
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

    private long lookups;
    private long evictions;
    private volatile bool notificationsLive;

    /// <summary>Lookups that reached the database, for tests and metrics.</summary>
    public long DatabaseLookups => Interlocked.Read(ref lookups);

    /// <summary>Set by the listener: while false, nothing tells us about revocations, so known keys live shorter.</summary>
    public bool NotificationsLive
    {
        get => notificationsLive;
        set => notificationsLive = value;
    }

    public static string CacheIdOf(byte[] hash) => Convert.ToBase64String(hash);

    public async Task<ResolvedKey?> ResolveAsync(string? key, CancellationToken ct)
    {
        if (key is null || !ApiKeySecret.LooksValid(key))
        {
            return null;
        }

        // The dictionary is keyed by the hash, never the key, so no plaintext key sits in memory longer than the request.
        var hash = ApiKeySecret.Hash(key);
        var record = await ResolveHashAsync(hash, ct);
        return record is null ? null : new ResolvedKey(record, CacheIdOf(hash));
    }

    /// <summary>The key's record if it is usable now, else null.</summary>
    public async Task<ApiKeyRecord?> ResolveHashAsync(byte[] hash, CancellationToken ct)
    {
        var id = CacheIdOf(hash);
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
            var lazy = entries.GetOrAdd(id, _ => new Lazy<Task<Entry>>(() => LoadAsync(hash)));
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
                return entry.Record is { } r && r.IsUsable(now) ? r : null;
            }

            entries.TryRemove(new KeyValuePair<string, Lazy<Task<Entry>>>(id, lazy));
        }
    }

    public void Evict(string cacheId)
    {
        Interlocked.Increment(ref evictions);
        entries.TryRemove(cacheId, out _);
    }

    /// <summary>After notifications may have been missed (listener reconnected) nothing cached can be trusted.</summary>
    public void EvictAll()
    {
        Interlocked.Increment(ref evictions);
        entries.Clear();
    }

    public void Dispose() => unknownBudget.Dispose();

    private async Task<Entry> LoadAsync(byte[] hash)
    {
        if (entries.Count > MaxEntries)
        {
            entries.Clear();
        }

        var evictionsBefore = Interlocked.Read(ref evictions);
        Interlocked.Increment(ref lookups);
        var record = await store.FindByHashAsync(hash);
        var lifetime = record is null ? NegativeLifetime : notificationsLive ? PositiveLifetime : DisconnectedPositiveLifetime;

        // An eviction during the lookup may be for this key, and the row we read may predate it: answer the callers
        // already waiting, but do not keep the answer for anyone else.
        if (Interlocked.Read(ref evictions) != evictionsBefore)
        {
            lifetime = TimeSpan.Zero;
        }

        return new Entry(record, time.GetUtcNow() + lifetime);
    }

    private sealed record Entry(ApiKeyRecord? Record, DateTimeOffset ExpiresAt);
}
