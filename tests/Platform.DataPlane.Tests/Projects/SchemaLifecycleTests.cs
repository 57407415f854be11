using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Platform.DataPlane.Grains.Projects;
using Xunit;

namespace Platform.DataPlane.Tests.Projects;

/// <summary>The live-schema rules without Orleans or PostgreSQL: a fake clock drives the backoff.</summary>
[Trait("Tier", "Fast")]
public sealed class SchemaLifecycleTests
{
    private readonly FakeSchemaSource source = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
    private readonly SchemaLifecycle schema;

    public SchemaLifecycleTests() => schema = new SchemaLifecycle(source, clock, NullLogger.Instance, "p");

    [Fact]
    public async Task The_first_build_serves_and_an_unchanged_catalog_is_not_rebuilt()
    {
        var service = await schema.EnsureAsync(CancellationToken.None);

        Assert.NotNull(service);
        Assert.Equal([false], source.RebuildingFlags);
        await schema.RefreshAsync(force: false, CancellationToken.None);
        await schema.RefreshAsync(force: false, CancellationToken.None);
        Assert.Equal(1, source.Loads);
        Assert.Equal(2, source.VersionReads);
        Assert.Same(service, schema.Service);
    }

    [Fact]
    public async Task A_moved_catalog_version_rebuilds_and_swaps_the_service()
    {
        var first = await schema.EnsureAsync(CancellationToken.None);
        source.Version = "v2";
        source.SchemaName = "app";

        await schema.RefreshAsync(force: false, CancellationToken.None);

        Assert.Equal([false, true], source.RebuildingFlags);
        Assert.NotSame(first, schema.Service);
        Assert.NotEqual(first!.Fingerprint, schema.Service!.Fingerprint);
    }

    [Fact]
    public async Task Force_rebuilds_even_when_the_version_did_not_move()
    {
        await schema.EnsureAsync(CancellationToken.None);

        await schema.RefreshAsync(force: true, CancellationToken.None);

        Assert.Equal(2, source.Loads);
    }

    [Fact]
    public async Task A_failed_first_build_backs_off_on_the_clock_and_recovers_by_itself()
    {
        source.DatabaseDown = true;

        Assert.Null(await schema.EnsureAsync(CancellationToken.None));
        Assert.Equal("connection refused or host unreachable", schema.LastError);
        Assert.Equal(1, schema.RetryAfterSeconds());

        // Within the backoff nothing is tried again: a degraded project answers at once.
        await schema.EnsureAsync(CancellationToken.None);
        await schema.RefreshAsync(force: false, CancellationToken.None);
        Assert.Equal(1, source.Loads);

        clock.Advance(TimeSpan.FromSeconds(1));
        await schema.RefreshAsync(force: false, CancellationToken.None);
        Assert.Equal(2, source.Loads);
        Assert.Equal(2, schema.Failures);
        Assert.Equal(2, schema.RetryAfterSeconds());

        source.DatabaseDown = false;
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.NotNull(await schema.EnsureAsync(CancellationToken.None));
        Assert.Null(schema.LastError);
        Assert.Equal(0, schema.Failures);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(9, 16)]
    public void The_backoff_doubles_up_to_a_cap(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SchemaLifecycle.BackoffAfter(failures));

    [Fact]
    public async Task An_unreachable_database_keeps_the_service_there_is()
    {
        var service = await schema.EnsureAsync(CancellationToken.None);
        source.DatabaseDown = true;
        source.Version = "v2";

        await schema.RefreshAsync(force: false, CancellationToken.None);

        Assert.Same(service, schema.Service);
        Assert.Equal(1, source.Loads);
        Assert.Null(schema.LastError);
    }

    [Fact]
    public async Task A_failed_rebuild_keeps_the_old_service()
    {
        var service = await schema.EnsureAsync(CancellationToken.None);
        source.Version = "v2";
        source.SchemaName = "broken";
        source.DatabaseDown = false;
        source.HoldBuilds();
        var refresh = schema.RefreshAsync(force: false, CancellationToken.None);
        source.DatabaseDown = true;
        source.ReleaseBuilds();
        await refresh;

        Assert.Same(service, schema.Service);
        Assert.Equal(1, schema.Failures);
    }

    [Fact]
    public async Task Callers_during_a_build_share_it()
    {
        source.HoldBuilds();
        var first = schema.EnsureAsync(CancellationToken.None);
        var second = schema.EnsureAsync(CancellationToken.None);
        var poll = schema.RefreshAsync(force: false, CancellationToken.None);
        Assert.False(first.IsCompleted);

        source.ReleaseBuilds();
        await Task.WhenAll(first, second, poll);

        Assert.Equal(1, source.Loads);
        Assert.Same(await first, await second);
    }
}
