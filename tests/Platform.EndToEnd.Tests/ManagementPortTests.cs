using System.Net;
using Platform.EndToEnd.Tests.Fixtures;
using Platform.Metadata;
using Platform.Metadata.Security;
using Platform.Testing.Hosting;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// A gateway listening on a public and a management port (as deployed): health and metrics only on the management
/// port, the API only on the public one, told apart by the port the connection came in on.
/// </summary>
public sealed class ManagementPortTests : IAsyncLifetime
{
    private readonly TestDatabase metadata = new();

    public async Task InitializeAsync()
    {
        await metadata.InitializeAsync();
        await MetadataMigrator.MigrateAsync(metadata.ConnectionString);
    }

    public Task DisposeAsync() => metadata.DisposeAsync();

    [Fact]
    public async Task Health_and_metrics_answer_only_on_the_management_port_and_the_api_only_on_the_public_one()
    {
        var (api, management) = (FreePort.Next(), FreePort.Next());
        await using var gateway = HostProcess.StartBare("Platform.Gateway", api, Environment(),
            "--urls", $"http://127.0.0.1:{api};http://127.0.0.1:{management}", $"--Platform:ManagementPort={management}");
        var apiUrl = $"http://127.0.0.1:{api}";
        var managementUrl = $"http://127.0.0.1:{management}";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await Polling.UntilAsync(
            async () => !gateway.HasExited && await StatusAsync(http, HttpMethod.Get, managementUrl + "/healthz") == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "the gateway's liveness on its management port");

        var metrics = await http.GetStringAsync(new Uri(managementUrl + "/metrics"));
        Assert.Contains("dotnet_gc_heap_total_allocated_bytes_total", metrics, StringComparison.Ordinal);
        // No silo is running, so not ready; but answered here, not refused.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(http, HttpMethod.Get, managementUrl + "/readyz"));

        foreach (var path in new[] { "/healthz", "/readyz", "/metrics", "/METRICS", "/metrics/" })
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(http, HttpMethod.Get, apiUrl + path));
        }

        // The Host header is the client's to choose; naming the management port in it changes nothing.
        using (var forged = new HttpRequestMessage(HttpMethod.Get, apiUrl + "/metrics"))
        {
            forged.Headers.Host = $"127.0.0.1:{management}";
            using var answer = await http.SendAsync(forged);
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        }

        // The API is on the public port (no key: the gateway's own 401) and not on the management port.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, HttpMethod.Post, apiUrl + "/graphql"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(http, HttpMethod.Post, managementUrl + "/graphql"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(http, HttpMethod.Post, managementUrl + "/projects/x/sql"));
    }

    [Fact]
    public async Task A_management_port_the_host_does_not_listen_on_stops_it_with_a_reason()
    {
        var (api, management) = (FreePort.Next(), FreePort.Next());
        await using var gateway = HostProcess.StartBare("Platform.Gateway", api, Environment(), $"--Platform:ManagementPort={management}");
        // Its output is read as it comes, so the last lines may arrive just after the exit.
        await Polling.UntilAsync(
            () => Task.FromResult(gateway.HasExited && gateway.Output.Contains("Platform:ManagementPort", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60), "the gateway to stop, saying why");
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["ConnectionStrings__Metadata"] = metadata.ConnectionString,
        ["Platform__MasterKey"] = SecretProtector.NewMasterKey(),
        ["Platform__InternalSecret"] = "internal-" + Guid.NewGuid().ToString("N"),
    };

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, HttpMethod method, string url)
    {
        try
        {
            using var request = new HttpRequestMessage(method, url);
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }
}
