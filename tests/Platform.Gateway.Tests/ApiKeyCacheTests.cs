using Microsoft.Extensions.Time.Testing;
using Platform.Gateway.Keys;
using Platform.Metadata.Keys;
using Xunit;

namespace Platform.Gateway.Tests;

/// <summary>The key cache's lifetimes, evictions and shared lookups on a fake clock, with a dictionary in place of the metadata store.</summary>
[Trait("Tier", "Fast")]
public sealed class ApiKeyCacheTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
    private readonly Dictionary<string, ApiKeyRecord> store = new(StringComparer.Ordinal);
    private readonly KnownKeyFilter filter = new();
    private readonly ApiKeyCache cache;
    private Func<byte[], Task<ApiKeyRecord?>>? pending;

    public ApiKeyCacheTests()
    {
        cache = new ApiKeyCache(Find, filter, clock) { NotificationsLive = true };
    }

    public void Dispose() => cache.Dispose();

    [Fact]
    public async Task A_known_key_is_looked_up_once_then_again_after_its_positive_lifetime()
    {
        var key = Issue(out var record);

        var first = await cache.ResolveAsync(key, default);
        clock.Advance(ApiKeyCache.PositiveLifetime);
        var second = await cache.ResolveAsync(key, default);

        Assert.Equal(record, first!.Record);
        Assert.Same(first, second);
        Assert.Equal(1, cache.DatabaseLookups);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.NotNull(await cache.ResolveAsync(key, default));
        Assert.Equal(2, cache.DatabaseLookups);
    }

    [Fact]
    public async Task While_notifications_are_down_a_known_key_lives_shorter()
    {
        cache.NotificationsLive = false;
        var key = Issue(out _);

        await cache.ResolveAsync(key, default);
        clock.Advance(ApiKeyCache.DisconnectedPositiveLifetime + TimeSpan.FromMilliseconds(1));
        await cache.ResolveAsync(key, default);

        Assert.Equal(2, cache.DatabaseLookups);
    }

    [Fact]
    public async Task An_unknown_key_is_remembered_as_unknown_for_the_negative_lifetime()
    {
        var key = ApiKeySecret.Generate(ApiKeyRole.Anon);

        Assert.Null(await cache.ResolveAsync(key, default));
        clock.Advance(ApiKeyCache.NegativeLifetime - TimeSpan.FromSeconds(1));
        Assert.Null(await cache.ResolveAsync(key, default));
        Assert.Equal(1, cache.DatabaseLookups);

        // Issued since: found once the negative entry has run out.
        store[Convert.ToBase64String(ApiKeySecret.Hash(key))] = Record(ApiKeyRole.Anon);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.NotNull(await cache.ResolveAsync(key, default));
    }

    [Fact]
    public async Task A_key_that_expires_while_cached_is_refused_at_once()
    {
        var key = Issue(out _, expiresAt: clock.GetUtcNow() + TimeSpan.FromSeconds(2));

        Assert.NotNull(await cache.ResolveAsync(key, default));
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Null(await cache.ResolveAsync(key, default));
        Assert.Equal(1, cache.DatabaseLookups);
    }

    [Fact]
    public async Task A_revoked_or_malformed_key_is_refused_and_a_malformed_one_is_never_looked_up()
    {
        var revoked = Issue(out _, revokedAt: clock.GetUtcNow());

        Assert.Null(await cache.ResolveAsync(revoked, default));
        Assert.Null(await cache.ResolveAsync("short", default));
        Assert.Null(await cache.ResolveAsync("pk_a_" + new string('!', 40), default));
        Assert.Null(await cache.ResolveAsync(null, default));
        Assert.Equal(1, cache.DatabaseLookups);
    }

    [Fact]
    public async Task An_evicted_key_is_read_again_on_its_next_request()
    {
        var key = Issue(out _);
        var resolved = await cache.ResolveAsync(key, default);
        store.Clear();

        cache.Evict(resolved!.CacheId);

        Assert.Null(await cache.ResolveAsync(key, default));
        Assert.Equal(2, cache.DatabaseLookups);
    }

    [Fact]
    public async Task Evicting_a_project_drops_its_keys_and_keeps_the_others()
    {
        var project = Guid.NewGuid();
        var mine = Issue(out _, project: project);
        var alsoMine = Issue(out _, project: project);
        var other = Issue(out _);
        foreach (var k in new[] { mine, alsoMine, other })
        {
            await cache.ResolveAsync(k, default);
        }

        var evicted = cache.EvictProject(project);
        foreach (var k in new[] { mine, alsoMine, other })
        {
            await cache.ResolveAsync(k, default);
        }

        Assert.Equal(2, evicted.Count);
        Assert.Equal(5, cache.DatabaseLookups);
    }

    [Fact]
    public async Task Concurrent_misses_on_one_key_share_one_lookup()
    {
        var key = Issue(out var record);
        var release = new TaskCompletionSource<ApiKeyRecord?>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending = _ => release.Task;

        var waiting = Enumerable.Range(0, 8).Select(_ => cache.ResolveAsync(key, default).AsTask()).ToList();
        release.SetResult(record);
        var answers = await Task.WhenAll(waiting);

        Assert.All(answers, a => Assert.Equal(record, a!.Record));
        Assert.Equal(1, cache.DatabaseLookups);
    }

    [Fact]
    public async Task A_lookup_overtaken_by_an_eviction_answers_its_callers_but_is_not_kept()
    {
        var key = Issue(out var record);
        var release = new TaskCompletionSource<ApiKeyRecord?>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending = _ => release.Task;

        var waiting = cache.ResolveAsync(key, default).AsTask();
        cache.EvictAll();
        pending = null;
        release.SetResult(record);

        Assert.NotNull(await waiting);
        Assert.NotNull(await cache.ResolveAsync(key, default));
        Assert.Equal(2, cache.DatabaseLookups);
    }

    [Fact]
    public async Task With_the_filter_loaded_made_up_keys_reach_the_store_only_within_a_small_budget()
    {
        var known = Issue(out _);
        filter.BeginLoad();
        filter.Add(ApiKeySecret.Hash(known));
        filter.CompleteLoad();

        for (var i = 0; i < 30; i++)
        {
            Assert.Null(await cache.ResolveAsync(ApiKeySecret.Generate(ApiKeyRole.Anon), default));
        }

        // A budget of 5, refilled at 1 a second in real time, for keys issued a moment before their notification.
        Assert.InRange(cache.DatabaseLookups, 5, 7);
        Assert.NotNull(await cache.ResolveAsync(known, default));
    }

    private string Issue(out ApiKeyRecord record, Guid? project = null, DateTimeOffset? expiresAt = null, DateTimeOffset? revokedAt = null)
    {
        var key = ApiKeySecret.Generate(ApiKeyRole.Anon);
        record = Record(ApiKeyRole.Anon, project, expiresAt, revokedAt);
        store[Convert.ToBase64String(ApiKeySecret.Hash(key))] = record;
        return key;
    }

    private static ApiKeyRecord Record(ApiKeyRole role, Guid? project = null, DateTimeOffset? expiresAt = null, DateTimeOffset? revokedAt = null) =>
        new(Guid.NewGuid(), project ?? Guid.NewGuid(), role, "pk_a_1234", expiresAt, revokedAt);

    private Task<ApiKeyRecord?> Find(byte[] hash) =>
        pending is { } p ? p(hash) : Task.FromResult(store.GetValueOrDefault(Convert.ToBase64String(hash)));
}
