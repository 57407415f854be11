using System.Net;
using Platform.Metadata;
using Platform.Metadata.Security;
using Platform.Testing.Hosting;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.EndToEnd.Tests.Attacks;

/// <summary>
/// #19, low: metrics are labelled by project (request counts, statuses, latencies of every tenant), and a host without
/// a management port (a bare <c>dotnet run</c>, any deployment that forgets the setting) served them on its only,
/// public, port. Now <c>/metrics</c> answers only on a management port, and without one it is not served at all
/// (decision 0088); health still answers, as probes need it. Every host is started bare, as a bare run starts it (the
/// portal, which needs its built front end, shares the same ServiceDefaults code and is left to the portal suite).
/// </summary>
public sealed class MetricsExposureAttackTests : IAsyncLifetime
{
    private readonly TestDatabase metadata = new();

    public async Task InitializeAsync()
    {
        await metadata.InitializeAsync();
        await MetadataMigrator.MigrateAsync(metadata.ConnectionString);
    }

    public Task DisposeAsync() => metadata.DisposeAsync();

    [Fact]
    public async Task No_host_serves_metrics_on_its_public_port_without_a_management_port()
    {
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__Metadata"] = metadata.ConnectionString,
            ["Platform__MasterKey"] = SecretProtector.NewMasterKey(),
            ["Platform__InternalSecret"] = "internal-" + Guid.NewGuid().ToString("N"),
        };
        await using var gateway = HostProcess.StartBare("Platform.Gateway", FreePort.Next(), env);
        await using var silo = HostProcess.StartBare("Platform.DataPlane.Silo", FreePort.Next(), env,
            $"--Platform:Silo:Port={FreePort.Next()}", $"--Platform:Silo:GatewayPort={FreePort.Next()}");
        await using var controlPlane = HostProcess.StartBare("Platform.ControlPlane", FreePort.Next(), env);
        HostProcess[] hosts = [gateway, silo, controlPlane];
        await Task.WhenAll(hosts.Select(h => h.WaitUntilAsync("/healthz", TimeSpan.FromSeconds(120))));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var host in hosts)
        {
            Assert.Equal(host.Url, host.ManagementUrl);
            foreach (var path in new[] { "/metrics", "/METRICS", "/metrics/", "/metrics?format=prometheus" })
            {
                using var response = await http.GetAsync(new Uri(host.Url + path));
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{host.Name} {path}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 200)]}");
                Assert.DoesNotContain("# TYPE", text, StringComparison.Ordinal);
            }

            using var health = await http.GetAsync(new Uri(host.Url + "/healthz"));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
    }
}
