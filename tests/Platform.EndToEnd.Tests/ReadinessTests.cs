using System.Net;
using Npgsql;
using Platform.Metadata;
using Platform.Metadata.Security;
using Platform.Testing.Hosting;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// /healthz and /readyz against a PostgreSQL server of the test's own (a private cluster it may stop and start
/// without disturbing other tests): not ready while the server is down, ready again once it is back.
/// </summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private LocalCluster cluster = null!;
    private string metadata = "";

    public async Task InitializeAsync()
    {
        cluster = await LocalCluster.CreateOwnAsync("platform_outage");
        await using (var admin = new NpgsqlConnection(cluster.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand("CREATE DATABASE platform_meta TEMPLATE template0", admin);
            await cmd.ExecuteNonQueryAsync();
        }

        metadata = ConnectionStrings.WithDatabase(cluster.AdminConnectionString, "platform_meta");
        await MetadataMigrator.MigrateAsync(metadata);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await cluster.DisposeAsync();
    }

    [Fact]
    public async Task Readiness_follows_the_metadata_database_down_and_back_up()
    {
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__Metadata"] = metadata,
            ["Platform__MasterKey"] = SecretProtector.NewMasterKey(),
            ["Platform__InternalSecret"] = "internal-" + Guid.NewGuid().ToString("N"),
        };
        await using var controlPlane = HostProcess.Start("Platform.ControlPlane", FreePort.Next(), env);
        await controlPlane.WaitReadyAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        await cluster.StopAsync();
        await Until(async () => (await http.GetAsync(new Uri(controlPlane.ManagementUrl + "/readyz"))).StatusCode == HttpStatusCode.ServiceUnavailable);
        // Liveness does not depend on the database: the process must not be restarted for the outage.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(controlPlane.ManagementUrl + "/healthz"))).StatusCode);
        var body = await http.GetStringAsync(new Uri(controlPlane.ManagementUrl + "/healthz"));
        Assert.Contains("healthy", body, StringComparison.Ordinal);

        await cluster.StartAsync();
        await Until(async () => (await http.GetAsync(new Uri(controlPlane.ManagementUrl + "/readyz"))).StatusCode == HttpStatusCode.OK);
        Assert.False(controlPlane.HasExited);
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 30 s");
            await Task.Delay(250);
        }
    }
}
