using System.Collections.Concurrent;
using Platform.Gateway.Keys;

namespace Platform.Gateway.WebSockets;

/// <summary>
/// The WebSockets open through this gateway, by key. A key that stops being usable has its sockets aborted:
/// the client's connection drops and YARP cancels the silo side with it.
/// </summary>
internal sealed class OpenSocketRegistry(ApiKeyCache keys, TimeProvider time, ILogger<OpenSocketRegistry> log)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<HttpContext, byte>> byKey = new(StringComparer.Ordinal);

    public int Count => byKey.Values.Sum(s => s.Count);

    public IDisposable Track(string cacheId, HttpContext http)
    {
        byKey.GetOrAdd(cacheId, _ => new()).TryAdd(http, 0);
        return new Registration(this, cacheId, http);
    }

    /// <summary>Re-resolves the key (the caller evicted it first when it changed) and closes its sockets if it is no longer usable.</summary>
    public void Revalidate(string cacheId)
    {
        if (byKey.ContainsKey(cacheId))
        {
            _ = RevalidateAsync(cacheId);
        }
    }

    public void RevalidateAll()
    {
        foreach (var id in byKey.Keys)
        {
            Revalidate(id);
        }
    }

    private async Task RevalidateAsync(string cacheId)
    {
        try
        {
            var key = await keys.ResolveHashAsync(Convert.FromBase64String(cacheId), CancellationToken.None);
            if (key is not null && key.Record.IsUsable(time.GetUtcNow()))
            {
                return;
            }

            if (byKey.TryGetValue(cacheId, out var sockets))
            {
                foreach (var http in sockets.Keys)
                {
                    http.Abort();
                }

                log.LogInformation("Closed {Count} WebSockets of a revoked or expired key", sockets.Count);
            }
        }
        catch (Exception e)
        {
            // The metadata database is unreachable: keep the sockets; the next sweep tries again.
            log.LogWarning(e, "Could not re-check a key with open WebSockets");
        }
    }

    private void Remove(string cacheId, HttpContext http)
    {
        if (byKey.TryGetValue(cacheId, out var sockets))
        {
            sockets.TryRemove(http, out _);
            if (sockets.IsEmpty)
            {
                byKey.TryRemove(new KeyValuePair<string, ConcurrentDictionary<HttpContext, byte>>(cacheId, sockets));
            }
        }
    }

    private sealed class Registration(OpenSocketRegistry owner, string cacheId, HttpContext http) : IDisposable
    {
        public void Dispose() => owner.Remove(cacheId, http);
    }
}
