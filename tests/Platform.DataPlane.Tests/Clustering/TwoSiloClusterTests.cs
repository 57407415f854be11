using Npgsql;
using Platform.Metadata;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Tests.Clustering;

/// <summary>
/// Two silos in this process, each in its own host, find each other only through the membership rows in PostgreSQL.
/// Every test runs its own cluster id on the class's database, so tests never see each other's silos.
/// </summary>
public sealed class TwoSiloClusterTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const int Active = 3;
    private const int Dead = 6;
    private static readonly TimeSpan FormWithin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RecoverWithin = TimeSpan.FromSeconds(30);

    private readonly string clusterId = "c-" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<TestSilo> silos = [];

    public async Task InitializeAsync() => await MetadataMigrator.MigrateAsync(db.ConnectionString);

    public async Task DisposeAsync()
    {
        foreach (var silo in silos)
        {
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_silos_form_one_cluster_through_postgres()
    {
        var (a, b) = await StartClusterAsync();

        var rows = await MembershipRowsAsync();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(Active, r.Status));
        Assert.Equal(
            new[] { a.Address, b.Address }.Select(RowKey).Order(),
            rows.Select(r => r.Key).Order());

        foreach (var silo in new[] { a, b })
        {
            var hosts = await silo.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            Assert.Equal(new[] { a.Address, b.Address }.Order(), hosts.Keys.Order());
            Assert.All(hosts.Values, status => Assert.Equal(SiloStatus.Active, status));
        }

        Assert.Empty(a.FatalErrors.Errors);
        Assert.Empty(b.FatalErrors.Errors);
    }

    [Fact]
    public async Task Grain_call_from_one_silo_reaches_the_activation_on_the_other()
    {
        var (a, b) = await StartClusterAsync();
        var key = "where-" + Guid.NewGuid().ToString("N");

        // Placement prefers the calling silo, so calling from B first puts the activation on B.
        var onB = await b.Grains.GetGrain<IWhereAmIGrain>(key).Report();
        Assert.Equal(b.Address.ToParsableString(), onB.SiloAddress);

        var fromA = await a.Grains.GetGrain<IWhereAmIGrain>(key).Report();
        Assert.Equal(b.Address.ToParsableString(), fromA.SiloAddress);
        Assert.Equal(onB.ActivationId, fromA.ActivationId);
        Assert.Equal(onB.RuntimeIdentity, fromA.RuntimeIdentity);
        Assert.Equal(2, fromA.Calls);
        Assert.NotEqual(a.Address.ToParsableString(), fromA.SiloAddress);
    }

    [Fact]
    public async Task Grain_answers_from_the_survivor_after_a_silo_stops()
    {
        var (a, b) = await StartClusterAsync();
        var key = "stop-" + Guid.NewGuid().ToString("N");
        var before = await ActivateOnAsync(b, key);

        await b.StopAsync();

        await AssertRecoveredOnAsync(a, b, key, before);
    }

    [Fact]
    public async Task Grain_answers_from_the_survivor_after_a_silo_is_killed()
    {
        var (a, b) = await StartClusterAsync(killable: true);
        var key = "kill-" + Guid.NewGuid().ToString("N");
        var before = await ActivateOnAsync(b, key);

        b.Kill();
        // With two silos, A's inbound relay carries only B's connections; cutting it completes B's isolation.
        a.CutInbound();

        await AssertRecoveredOnAsync(a, b, key, before);

        // B never wrote its own death: A's suspicion, recorded through a versioned update, is what removed it.
        var suspicions = await SuspectTimesAsync(b.Address);
        Assert.Contains(a.Address.ToParsableString(), suspicions, StringComparison.Ordinal);
    }

    private async Task<(TestSilo A, TestSilo B)> StartClusterAsync(bool killable = false)
    {
        var a = await StartSiloAsync("silo-a", killable);
        var b = await StartSiloAsync("silo-b", killable);
        foreach (var silo in new[] { a, b })
        {
            await Eventually.TrueAsync(
                () => Task.FromResult(silo.Membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active) == 2),
                FormWithin,
                $"{silo.Address} sees two active silos");
        }

        return (a, b);
    }

    private async Task<TestSilo> StartSiloAsync(string name, bool killable)
    {
        var silo = await TestSilo.StartAsync(db.ConnectionString, clusterId, name, killable);
        silos.Add(silo);
        return silo;
    }

    private static async Task<SiloReport> ActivateOnAsync(TestSilo silo, string key)
    {
        var report = await silo.Grains.GetGrain<IWhereAmIGrain>(key).Report();
        Assert.Equal(silo.Address.ToParsableString(), report.SiloAddress);
        return report;
    }

    private async Task AssertRecoveredOnAsync(TestSilo survivor, TestSilo lost, string key, SiloReport before)
    {
        var after = await Eventually.ValueAsync(
            () => survivor.Grains.GetGrain<IWhereAmIGrain>(key).Report(),
            r => r.SiloAddress == survivor.Address.ToParsableString(),
            RecoverWithin,
            $"{key} answers from {survivor.Address}");
        Assert.NotEqual(before.ActivationId, after.ActivationId);
        Assert.Equal(1, after.Calls);

        // The table, not only the survivor's memory, must record the lost silo as dead.
        await Eventually.TrueAsync(
            async () => (await MembershipRowsAsync()).Single(r => r.Key == RowKey(lost.Address)).Status == Dead,
            RecoverWithin,
            $"{lost.Address} is Dead in orleans.membership");
        var survivorRow = (await MembershipRowsAsync()).Single(r => r.Key == RowKey(survivor.Address));
        Assert.Equal(Active, survivorRow.Status);
        Assert.Empty(survivor.FatalErrors.Errors);
    }

    private static string RowKey(SiloAddress address) =>
        $"{address.Endpoint.Address}:{address.Endpoint.Port}:{address.Generation}";

    private async Task<string> SuspectTimesAsync(SiloAddress silo)
    {
        await using var cmd = db.DataSource.CreateCommand(
            "SELECT coalesce(suspect_times, '') FROM orleans.membership WHERE cluster_id = $1 AND port = $2 AND generation = $3");
        cmd.Parameters.Add(new NpgsqlParameter { Value = clusterId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = silo.Endpoint.Port });
        cmd.Parameters.Add(new NpgsqlParameter { Value = silo.Generation });
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<List<(string Key, int Status)>> MembershipRowsAsync()
    {
        await using var cmd = db.DataSource.CreateCommand(
            "SELECT address || ':' || port || ':' || generation, status FROM orleans.membership WHERE cluster_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = clusterId });
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<(string, int)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return rows;
    }
}
