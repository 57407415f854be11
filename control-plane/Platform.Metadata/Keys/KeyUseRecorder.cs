namespace Platform.Metadata.Keys;

/// <summary>
/// Which API keys were used, kept in memory and handed to <see cref="ApiKeyStore.MarkUsedAsync"/> in one batch:
/// a key is handed out at most once a minute, so last_used_at costs no write on the request path and at most one a
/// minute per key and host.
/// </summary>
public sealed class KeyUseRecorder(TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private readonly HashSet<Guid> used = [];
    private readonly Dictionary<Guid, DateTimeOffset> lastHandedOut = [];

    public void Used(Guid keyId)
    {
        lock (gate)
        {
            used.Add(keyId);
        }
    }

    /// <summary>The keys used since they were last handed out, those handed out within the minute excepted (they wait for the next call).</summary>
    public IReadOnlyCollection<Guid> TakeDue()
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            var due = used.Where(k => !lastHandedOut.TryGetValue(k, out var at) || now - at >= Interval).ToList();
            foreach (var k in due)
            {
                used.Remove(k);
                lastHandedOut[k] = now;
            }

            foreach (var stale in lastHandedOut.Where(e => now - e.Value >= Interval && !used.Contains(e.Key)).Select(e => e.Key).ToList())
            {
                lastHandedOut.Remove(stale);
            }

            return due;
        }
    }
}
