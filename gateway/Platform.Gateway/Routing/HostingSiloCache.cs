using System.Collections.Concurrent;
using System.Text.Json;
using Platform.Metadata.Keys;
using Platform.Metadata.Silos;
using Platform.ServiceDefaults.InternalAuth;

namespace Platform.Gateway.Routing;

/// <summary>
/// Which silo hosts each project's grain, as the data plane reports it (/internal/projects/{id}/status), kept for a
/// while. Lookups run in the background and never hold a request: until the answer is in, requests go to any
/// silo, which forwards the grain call inside the cluster. Forgotten when that silo fails, so the next request
/// asks again.
/// </summary>
internal sealed class HostingSiloCache(SiloHttpClient http, InternalRequestSigner signer, TimeProvider time, ILogger<HostingSiloCache> log)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FailedLifetime = TimeSpan.FromSeconds(2);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<Guid, Entry> entries = new();
    private readonly ConcurrentDictionary<Guid, byte> lookingUp = new();

    private long lookups;

    public long Lookups => Interlocked.Read(ref lookups);

    /// <summary>The hosting silo's Orleans address if known; starts a lookup through <paramref name="via"/> when not known or stale.</summary>
    public string? Find(Guid project, SiloEndpoint? via)
    {
        var now = time.GetUtcNow();
        if (entries.TryGetValue(project, out var e) && e.ExpiresAt > now)
        {
            return e.SiloAddress;
        }

        if (via is not null && lookingUp.TryAdd(project, 0))
        {
            // Background work of the cache, not of the request that noticed the miss: started without the request's
            // execution context, so its spans and logs do not join that request's trace.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(() => LookUpAsync(project, via));
            }
        }

        return null;
    }

    public void Forget(Guid project) => entries.TryRemove(project, out _);

    private async Task LookUpAsync(Guid project, SiloEndpoint via)
    {
        string? address = null;
        try
        {
            Interlocked.Increment(ref lookups);
            var path = $"/internal/projects/{project}/status";
            using var request = new HttpRequestMessage(HttpMethod.Get, via.HttpUrl.TrimEnd('/') + path);
            // The status endpoint reveals no tenant data; the least role is enough to sign with.
            InternalSigning.Apply(request.Headers, signer, project.ToString(), ApiKeyRole.Anon, "GET", path, "", "", []);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var response = await http.Invoker.SendAsync(request, cts.Token);
            if (response.IsSuccessStatusCode)
            {
                await using var body = await response.Content.ReadAsStreamAsync(cts.Token);
                using var json = await JsonDocument.ParseAsync(body, cancellationToken: cts.Token);
                address = json.RootElement.GetProperty("siloAddress").GetString();
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException or KeyNotFoundException)
        {
            log.LogDebug(e, "Could not learn the hosting silo of {Project}", project);
        }
        finally
        {
            if (entries.Count > MaxEntries)
            {
                entries.Clear();
            }

            entries[project] = new Entry(address, time.GetUtcNow() + (address is null ? FailedLifetime : Lifetime));
            lookingUp.TryRemove(project, out _);
        }
    }

    private sealed record Entry(string? SiloAddress, DateTimeOffset ExpiresAt);
}
