using System.Collections.Concurrent;
using Platform.Metadata.Hosting;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.Metadata.Tests.Hosting;

/// <summary>
/// The LISTEN loop the gateway's key listener and the silos' project feed share, against real PostgreSQL: it delivers
/// notifications, and when its backend is killed it reports the loss, listens again, tells the owner it reconnected
/// (what was sent meanwhile is gone) and delivers again.
/// </summary>
public sealed class MetadataListenerTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly MetadataListener.Options Fast = new(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

    [Fact]
    public async Task Delivers_notifications_and_listens_again_after_losing_its_connection()
    {
        var received = new BlockingCollection<(string Channel, string Payload)>();
        var connections = new BlockingCollection<(int Pid, bool Reconnected)>();
        var losses = 0;
        using var stop = new CancellationTokenSource();
        var run = MetadataListener.RunAsync(
            new MetadataDataSource(db.DataSource),
            ["plumb_a", "plumb_b"],
            (channel, payload) => received.Add((channel, payload)),
            (conn, reconnected, _) =>
            {
                connections.Add((conn.ProcessID, reconnected), CancellationToken.None);
                return Task.CompletedTask;
            },
            (_, _) => Interlocked.Increment(ref losses),
            stop.Token,
            Fast);

        var first = Take(connections);
        Assert.False(first.Reconnected);
        await db.ExecuteAsync("NOTIFY plumb_a, 'one'; NOTIFY plumb_b, 'two'");
        Assert.Equal(("plumb_a", "one"), Take(received));
        Assert.Equal(("plumb_b", "two"), Take(received));

        await db.ExecuteAsync($"SELECT pg_terminate_backend({first.Pid})");
        var second = Take(connections);
        Assert.True(second.Reconnected);
        Assert.NotEqual(first.Pid, second.Pid);
        Assert.True(Volatile.Read(ref losses) >= 1);

        await db.ExecuteAsync("NOTIFY plumb_a, 'three'");
        Assert.Equal(("plumb_a", "three"), Take(received));

        stop.Cancel();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static T Take<T>(BlockingCollection<T> items) =>
        items.TryTake(out var item, TimeSpan.FromSeconds(20)) ? item : throw new TimeoutException("nothing arrived in 20 s");
}
