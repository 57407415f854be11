using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;
using Platform.DataPlane.Silo.Hosting;
using Platform.Metadata;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Tests.Clustering;

/// <summary>
/// The install SQL against the provider's own table class, without silos: the optimistic-concurrency rules that
/// membership relies on (one writer per table version, no version spent on a refused write) and what each query
/// key must return.
/// </summary>
public sealed class MembershipTableContractTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime, IDisposable
{
    private readonly string clusterId = "m-" + Guid.NewGuid().ToString("N")[..12];

    // Bounds every provider call, so a lock wait in the SQL fails the test instead of hanging the run.
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(30));

    private CancellationToken Ct => timeout.Token;

    public async Task InitializeAsync() => await MetadataMigrator.MigrateAsync(db.ConnectionString);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => timeout.Dispose();

    [Fact]
    public async Task Version_row_is_created_once_and_an_empty_cluster_reads_back_at_version_zero()
    {
        var first = await OpenTableAsync();
        await OpenTableAsync();

        var data = await first.ReadAllAsync(Ct);
        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.Equal(1L, await CountAsync("orleans.membership_version"));
    }

    [Fact]
    public async Task Insert_succeeds_once_per_table_version_and_round_trips_every_field()
    {
        var table = await OpenTableAsync();
        var version = (await table.ReadAllAsync(Ct)).Version;
        var first = Entry(11111, SiloStatus.Joining);

        Assert.True(await table.InsertRowAsync(first, version.Next(), Ct));
        Assert.False(await table.InsertRowAsync(Entry(11112, SiloStatus.Joining), version.Next(), Ct));

        var data = await table.ReadAllAsync(Ct);
        Assert.Equal(1, data.Version.Version);
        var stored = Assert.Single(data.Members).Item1;
        Assert.Equal(first.SiloAddress, stored.SiloAddress);
        Assert.Equal(first.SiloName, stored.SiloName);
        Assert.Equal(first.HostName, stored.HostName);
        Assert.Equal(first.Status, stored.Status);
        Assert.Equal(first.ProxyPort, stored.ProxyPort);
        Assert.Equal(first.StartTime, stored.StartTime);
        Assert.Equal(first.IAmAliveTime, stored.IAmAliveTime);
        Assert.Null(stored.SuspectTimes);
    }

    [Fact]
    public async Task Inserting_a_silo_twice_is_refused_without_spending_a_version()
    {
        var table = await OpenTableAsync();
        var entry = Entry(12000, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));

        var current = (await table.ReadAllAsync(Ct)).Version;
        Assert.False(await table.InsertRowAsync(entry, current.Next(), Ct));

        Assert.Equal(current.Version, (await table.ReadAllAsync(Ct)).Version.Version);
    }

    [Fact]
    public async Task Update_needs_the_current_version_and_round_trips_suspicions()
    {
        var table = await OpenTableAsync();
        var entry = Entry(13000, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));

        var read = await table.ReadRowAsync(entry.SiloAddress, Ct);
        var (row, etag) = Assert.Single(read.Members);
        var suspecter = SiloAddress.New(IPAddress.Loopback, 13001, 7);
        var suspectedAt = Millis(DateTime.UtcNow);
        row.Status = SiloStatus.Active;
        row.SuspectTimes = [Tuple.Create(suspecter, suspectedAt)];
        row.IAmAliveTime = Millis(DateTime.UtcNow.AddSeconds(1));

        Assert.True(await table.UpdateRowAsync(row, etag, read.Version.Next(), Ct));
        Assert.False(await table.UpdateRowAsync(row, etag, read.Version.Next(), Ct));

        var after = await table.ReadRowAsync(entry.SiloAddress, Ct);
        Assert.Equal(read.Version.Version + 1, after.Version.Version);
        var stored = Assert.Single(after.Members).Item1;
        Assert.Equal(SiloStatus.Active, stored.Status);
        Assert.Equal(row.IAmAliveTime, stored.IAmAliveTime);
        Assert.NotNull(stored.SuspectTimes);
        var suspicion = Assert.Single(stored.SuspectTimes);
        Assert.Equal(suspecter, suspicion.Item1);
        Assert.Equal(suspectedAt, suspicion.Item2);
    }

    [Fact]
    public async Task Updating_an_unknown_silo_is_refused_without_spending_a_version()
    {
        var table = await OpenTableAsync();
        var version = (await table.ReadAllAsync(Ct)).Version;

        Assert.False(await table.UpdateRowAsync(Entry(14000, SiloStatus.Active), version.VersionEtag, version.Next(), Ct));

        Assert.Equal(version.Version, (await table.ReadAllAsync(Ct)).Version.Version);
    }

    [Fact]
    public async Task Concurrent_writers_holding_the_same_version_admit_exactly_one()
    {
        var tables = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => OpenTableAsync()));
        var version = (await tables[0].ReadAllAsync(Ct)).Version;

        var results = await Task.WhenAll(tables.Select((t, i) => t.InsertRowAsync(Entry(15000 + i, SiloStatus.Joining), version.Next(), Ct)));

        Assert.Single(results, ok => ok);
        var data = await tables[0].ReadAllAsync(Ct);
        Assert.Single(data.Members);
        Assert.Equal(version.Version + 1, data.Version.Version);
    }

    [Fact]
    public async Task Heartbeat_moves_IAmAliveTime_without_changing_the_version()
    {
        var table = await OpenTableAsync();
        var entry = Entry(16000, SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));
        var before = await table.ReadAllAsync(Ct);

        entry.IAmAliveTime = Millis(DateTime.UtcNow.AddMinutes(1));
        await table.UpdateIAmAliveAsync(entry, Ct);

        var after = await table.ReadRowAsync(entry.SiloAddress, Ct);
        Assert.Equal(before.Version.Version, after.Version.Version);
        Assert.Equal(entry.IAmAliveTime, Assert.Single(after.Members).Item1.IAmAliveTime);
        // The instant itself, not only Orleans' reading of it, must be right whatever the server's TimeZone is.
        var stored = await ScalarAsync<DateTime>(
            "SELECT i_am_alive_time FROM orleans.membership WHERE cluster_id = $1 AND port = 16000");
        Assert.Equal(entry.IAmAliveTime, stored);
    }

    [Fact]
    public async Task Gateways_are_the_active_silos_with_a_proxy_port()
    {
        var table = await OpenTableAsync();
        await InsertAsync(table, Entry(17000, SiloStatus.Active));
        await InsertAsync(table, Entry(17001, SiloStatus.Active, proxyPort: 0));
        await InsertAsync(table, Entry(17002, SiloStatus.Dead));
        await InsertAsync(table, Entry(17003, SiloStatus.Joining));

        var provider = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions
            {
                Invariant = OrleansPostgresClustering.Invariant,
                ConnectionString = OrleansPostgresClustering.ConnectionStringFor(db.ConnectionString),
            }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "contract" }));
        await provider.InitializeGatewayListProviderAsync(Ct);

        var gateway = Assert.Single(await provider.GetGatewaysAsync(Ct));
        Assert.Equal(Entry(17000, SiloStatus.Active).ProxyPort, gateway.Port);
    }

    [Fact]
    public async Task Cleanup_removes_only_dead_silos_that_went_quiet_before_the_cutoff()
    {
        var table = await OpenTableAsync();
        var longAgo = Millis(DateTime.UtcNow.AddHours(-2));
        await InsertAsync(table, Entry(18000, SiloStatus.Dead, aliveAt: longAgo));
        await InsertAsync(table, Entry(18001, SiloStatus.Dead));
        await InsertAsync(table, Entry(18002, SiloStatus.Active, aliveAt: longAgo));

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddHours(-1), Ct);

        var left = (await table.ReadAllAsync(Ct)).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port).Order();
        Assert.Equal([18001, 18002], left);
    }

    [Fact]
    public async Task Bulk_cleanup_query_removes_only_dead_silos_that_went_quiet_before_the_cutoff()
    {
        // Provider 10.4.2 prefers the per-row key, but still requires this one and falls back to it without the other.
        var table = await OpenTableAsync();
        var longAgo = Millis(DateTime.UtcNow.AddHours(-2));
        await InsertAsync(table, Entry(19000, SiloStatus.Dead, aliveAt: longAgo));
        await InsertAsync(table, Entry(19001, SiloStatus.Dead));
        await InsertAsync(table, Entry(19002, SiloStatus.ShuttingDown, aliveAt: longAgo));

        var text = await ScalarAsync<string>(
            "SELECT QueryText FROM orleans.OrleansQuery WHERE QueryKey = 'CleanupDefunctSiloEntriesKey' AND $1 IS NOT NULL");
        await using (var cmd = db.DataSource.CreateCommand(text))
        {
            cmd.Parameters.AddWithValue("DeploymentId", clusterId);
            cmd.Parameters.AddWithValue("IAmAliveTime", DateTime.UtcNow.AddHours(-1));
            await cmd.ExecuteNonQueryAsync();
        }

        var left = (await table.ReadAllAsync(Ct)).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port).Order();
        Assert.Equal([19001, 19002], left);
    }

    [Fact]
    public async Task Deleting_a_cluster_leaves_other_clusters_alone()
    {
        var mine = await OpenTableAsync();
        var otherId = clusterId + "-other";
        var other = await OpenTableAsync(otherId);
        await InsertAsync(mine, Entry(20000, SiloStatus.Active));
        await InsertAsync(other, Entry(20001, SiloStatus.Active));

        await mine.DeleteMembershipTableEntriesAsync(clusterId, Ct);

        Assert.Equal(0L, await CountAsync("orleans.membership_version"));
        Assert.Equal(0L, await CountAsync("orleans.membership"));
        Assert.Single((await other.ReadAllAsync(Ct)).Members);
    }

    private async Task<AdoNetClusteringTable> OpenTableAsync(string? cluster = null)
    {
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = cluster ?? clusterId, ServiceId = "contract" }),
            Options.Create(new AdoNetClusteringSiloOptions
            {
                Invariant = OrleansPostgresClustering.Invariant,
                ConnectionString = OrleansPostgresClustering.ConnectionStringFor(db.ConnectionString),
            }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, Ct);
        return table;
    }

    private async Task InsertAsync(AdoNetClusteringTable table, MembershipEntry entry) =>
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));

    private static MembershipEntry Entry(int port, SiloStatus status, DateTime? aliveAt = null, int? proxyPort = null)
    {
        var alive = aliveAt ?? Millis(DateTime.UtcNow);
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 1),
            SiloName = $"silo-{port}",
            HostName = "contract-host",
            Status = status,
            ProxyPort = proxyPort ?? port + 10000,
            StartTime = alive.AddMinutes(-1),
            IAmAliveTime = alive,
        };
    }

    // Orleans prints suspicion times to the millisecond and PostgreSQL keeps microseconds; compare at what both keep.
    private static DateTime Millis(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    private Task<long> CountAsync(string table) =>
        ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE cluster_id = $1");

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter { Value = clusterId });
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
