using System.Collections.Concurrent;
using Platform.Metadata.Keys;

namespace Platform.Gateway.Keys;

/// <summary>
/// Resolves API keys by hash with a short-lived in-memory cache. Known keys live for a few seconds so a revocation
/// takes effect within the design's 5 s; unknown keys are cached negatively so a flood of bad keys costs the
/// metadata database one lookup per distinct key per window. Concurrent misses on one key share one lookup.
/// </summary>
public sealed class ApiKeyCache(ApiKeyStore store, TimeProvider time)
{
    public static readonly TimeSpan PositiveLifetime = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan NegativeLifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Lazy<Task<Entry>>> entries = new(StringComparer.Ordinal);

    private long lookups;

    /// <summary>Lookups that reached the database, for tests and metrics.</summary>
    public long DatabaseLookups => Interlocked.Read(ref lookups);

    public async Task<ApiKeyRecord?> ResolveAsync(string? key, CancellationToken ct)
    {
        if (key is null || !ApiKeySecret.LooksValid(key))
        {
            return null;
        }

        // The dictionary is keyed by the hash, never the key, so no plaintext key sits in memory longer than the request.
        var hash = ApiKeySecret.Hash(key);
        var id = Convert.ToBase64String(hash);
        var now = time.GetUtcNow();
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

            if (entry.ExpiresAt > now)
            {
                return entry.Record is { } r && r.IsUsable(now) ? r : null;
            }

            entries.TryRemove(new KeyValuePair<string, Lazy<Task<Entry>>>(id, lazy));
        }
    }

    private async Task<Entry> LoadAsync(byte[] hash)
    {
        if (entries.Count > MaxEntries)
        {
            entries.Clear();
        }

        Interlocked.Increment(ref lookups);
        var record = await store.FindByHashAsync(hash);
        var lifetime = record is null ? NegativeLifetime : PositiveLifetime;
        return new Entry(record, time.GetUtcNow() + lifetime);
    }

    private sealed record Entry(ApiKeyRecord? Record, DateTimeOffset ExpiresAt);
}
