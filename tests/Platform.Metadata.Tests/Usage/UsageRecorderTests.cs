using Microsoft.Extensions.Time.Testing;
using Platform.Metadata.Keys;
using Platform.Metadata.Usage;
using Xunit;

namespace Platform.Metadata.Tests.Usage;

/// <summary>The in-memory side of usage: a minute is handed out once, after it ends, with its counts, percentiles and pool peaks; a key's use at most once a minute.</summary>
public sealed class UsageRecorderTests
{
    private static readonly Guid P = Guid.NewGuid();

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 3, 10, 15, 20, TimeSpan.Zero));

    [Fact]
    public void A_minute_is_handed_out_once_after_it_ends_with_its_counts()
    {
        var usage = new UsageRecorder(clock);
        for (var i = 1; i <= 100; i++)
        {
            usage.Request(P, "graphql", 200, null, i);
        }

        usage.Request(P, "sql", 503, "POOL_TIMEOUT", 1000);
        usage.Request(P, "websocket", 101, null, null);
        usage.Error(P, "DATABASE_ERROR");
        usage.Pool(P, 3, 0);
        usage.Pool(P, 2, 4);

        Assert.Empty(usage.TakeFinished("h"));
        clock.Advance(TimeSpan.FromSeconds(45)); // 10:16:05: the 10:15 minute is over
        var row = Assert.Single(usage.TakeFinished("h"));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 10, 15, 0, TimeSpan.Zero), row.Minute);
        Assert.Equal("h", row.Host);
        Assert.Equal(100, row.Requests["graphql:2xx"]);
        Assert.Equal(1, row.Requests["sql:5xx"]);
        Assert.Equal(1, row.Requests["websocket:2xx"]);
        Assert.Equal(1, row.Errors["POOL_TIMEOUT"]);
        Assert.Equal(1, row.Errors["DATABASE_ERROR"]);
        // 101 samples (1..100 ms and one of 1000 ms), nearest rank: the 51st and the 100th.
        Assert.Equal(51, row.LatencyP50Ms);
        Assert.Equal(100, row.LatencyP99Ms);
        Assert.Equal(3, row.PoolInUse);
        Assert.Equal(4, row.PoolWaiting);

        // Handed out once: the next flush has nothing for that minute.
        Assert.Empty(usage.TakeFinished("h"));
    }

    [Fact]
    public void The_current_minute_waits_unless_everything_is_taken_at_shutdown()
    {
        var usage = new UsageRecorder(clock);
        usage.Request(P, "graphql", 200, null, 5);
        clock.Advance(TimeSpan.FromMinutes(1));
        usage.Request(P, "graphql", 400, "GRAPHQL_VALIDATION_FAILED", 7);

        var finished = Assert.Single(usage.TakeFinished("h"));
        Assert.Equal(1, finished.Requests["graphql:2xx"]);
        var rest = Assert.Single(usage.TakeFinished("h", all: true));
        Assert.Equal(1, rest.Requests["graphql:4xx"]);
        Assert.Empty(usage.TakeFinished("h", all: true));
    }

    [Fact]
    public void A_key_is_handed_out_at_most_once_a_minute()
    {
        var keys = new KeyUseRecorder(clock);
        var k = Guid.NewGuid();
        keys.Used(k);
        keys.Used(k);
        Assert.Equal([k], keys.TakeDue());

        keys.Used(k);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(keys.TakeDue());
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal([k], keys.TakeDue());
        Assert.Empty(keys.TakeDue());
    }
}
