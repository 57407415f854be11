using System.Diagnostics;
using Platform.Metadata;
using Platform.Metadata.Security;
using Platform.Testing.Hosting;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// SIGTERM stops a silo promptly when its metadata database is there, and within its shutdown limit when the database
/// has gone (Orleans alone would keep retrying its membership write and never exit).
/// </summary>
public sealed class SiloShutdownTests
{
    [Fact]
    public async Task Sigterm_stops_a_silo_with_or_without_its_metadata_database()
    {
        await using var healthy = await StartSiloAsync();
        var quick = await TerminateAsync(healthy.Silo);
        Assert.True(quick < TimeSpan.FromSeconds(10), $"a healthy silo took {quick} to stop");
        Assert.DoesNotContain("did not finish", healthy.Silo.Output, StringComparison.Ordinal);

        await using var orphaned = await StartSiloAsync();
        await orphaned.Database.DisposeAsync(); // drops the metadata database under the running silo
        var bounded = await TerminateAsync(orphaned.Silo);
        Assert.True(bounded < TimeSpan.FromSeconds(15), $"a silo without its database took {bounded} to stop");
        Assert.Contains("Silo shutdown did not finish within", orphaned.Silo.Output, StringComparison.Ordinal);
    }

    private static async Task<RunningSilo> StartSiloAsync()
    {
        var database = new TestDatabase();
        await database.InitializeAsync();
        await MetadataMigrator.MigrateAsync(database.ConnectionString);
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__Metadata"] = database.ConnectionString,
            ["Platform__MasterKey"] = SecretProtector.NewMasterKey(),
            ["Platform__InternalSecret"] = "internal-" + Guid.NewGuid().ToString("N"),
        };
        var silo = HostProcess.Start("Platform.DataPlane.Silo", FreePort.Next(), env,
            $"--Platform:Silo:Port={FreePort.Next()}", $"--Platform:Silo:GatewayPort={FreePort.Next()}", "--Platform:Silo:ShutdownLimit=00:00:03");
        await silo.WaitReadyAsync();
        return new RunningSilo(database, silo);
    }

    private static async Task<TimeSpan> TerminateAsync(HostProcess silo)
    {
        using var process = Process.GetProcessById(silo.ProcessId);
        var watch = Stopwatch.StartNew();
        using (var term = Process.Start("kill", ["-TERM", silo.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(limit.Token);
        return watch.Elapsed;
    }

    private sealed record RunningSilo(TestDatabase Database, HostProcess Silo) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Silo.DisposeAsync();
            await Database.DisposeAsync();
        }
    }
}
