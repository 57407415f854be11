using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;
using Platform.EndToEnd.Tests.Fixtures;
using Xunit;

namespace Platform.EndToEnd.Tests.Attacks;

/// <summary>
/// #19, high: the tenant host policy ran at activation only, let a host that did not resolve through, and Npgsql
/// resolved the name again for every new physical connection, so a name that later resolved to 127.0.0.1 was served.
/// Now the silo resolves and checks every address itself and pins the pool to them; it resolves again every interval
/// and follows (or refuses) a name that moved. And a fully qualified Host header ("id.api.example.com.") no longer
/// slips past the gateway's wildcard.
/// </summary>
public sealed class HostPolicyAttackTests(HostPolicyPlatform platform) : IClassFixture<HostPolicyPlatform>
{
    [Fact]
    public async Task A_name_that_moves_to_an_internal_address_is_never_connected_to_there()
    {
        platform.PointTo(IPAddress.Loopback);
        var project = await platform.Hosts.CreateProjectAsync(platform.MovingConnectionString);
        var (status, body, _) = await GatewayClient.PostJsonAsync(platform.GatewayUrl + "/sql", """{"query":"select 1 as one"}""", project.ServiceKey.Key);
        Assert.True(status == 200, body.ToString());

        // The name now points at an internal address where a server answers; the pool's connections are dropped, so
        // the next request needs a new physical connection.
        platform.PointTo(IPAddress.Parse("127.0.0.2"));
        await TerminateAsync(project.Id);
        await Polling.UntilAsync(async () =>
        {
            var (s, b, _) = await GatewayClient.PostJsonAsync(platform.GatewayUrl + "/sql", """{"query":"select 1 as one"}""", project.ServiceKey.Key);
            return s == 503 && b.GetProperty("code").GetString() == "DATABASE_HOST_REFUSED";
        }, TimeSpan.FromSeconds(15), "the moved name is refused");

        (status, body, _) = await GatewayClient.GraphQLAsync(platform.GatewayUrl, project.AnonKey.Key);
        Assert.Equal(503, status);
        Assert.Equal("DATABASE_HOST_REFUSED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("127.0.0.2", body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, platform.Relay.Accepted);

        // Back on the allowed address, the project is served again without a restart.
        platform.PointTo(IPAddress.Loopback);
        await Polling.UntilAsync(async () =>
        {
            var (s, _, _) = await GatewayClient.PostJsonAsync(platform.GatewayUrl + "/sql", """{"query":"select 1 as one"}""", project.ServiceKey.Key);
            return s == 200;
        }, TimeSpan.FromSeconds(15), "the name back on its allowed address is served");
        Assert.Equal(0, platform.Relay.Accepted);
    }

    [Fact]
    public async Task A_host_that_does_not_resolve_is_refused_with_its_own_code_and_never_let_through()
    {
        var b = new NpgsqlConnectionStringBuilder(platform.TenantA.ConnectionString) { Host = "nowhere-" + Guid.NewGuid().ToString("N")[..8] + ".invalid" };
        var project = await platform.Hosts.CreateProjectAsync(b.ConnectionString);

        var (status, body, response) = await GatewayClient.GraphQLAsync(platform.GatewayUrl, project.AnonKey.Key);
        Assert.Equal(503, status);
        var error = body.GetProperty("errors")[0];
        Assert.Equal("DATABASE_HOST_UNRESOLVED", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains(".invalid does not resolve", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);

        (status, body, _) = await GatewayClient.PostJsonAsync(platform.GatewayUrl + "/sql", """{"query":"select 1"}""", project.ServiceKey.Key);
        Assert.Equal(503, status);
        Assert.Equal("DATABASE_HOST_UNRESOLVED", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_trailing_dot_neither_escapes_the_hosts_policy_nor_the_gateways_wildcard()
    {
        // The tenant host, fully qualified: the same name, the same (pinned) address.
        platform.PointTo(IPAddress.Loopback);
        var project = await platform.Hosts.CreateProjectAsync(platform.MovingConnectionString.Replace(HostPolicyPlatform.MovingName, HostPolicyPlatform.MovingName + ".", StringComparison.Ordinal));
        var (status, body, _) = await GatewayClient.PostJsonAsync(platform.GatewayUrl + "/sql", """{"query":"select 1 as one"}""", project.ServiceKey.Key);
        Assert.True(status == 200, body.ToString());

        // The gateway's wildcard host, fully qualified: it still names project B, so A's key is refused there.
        var hostB = $"{platform.ProjectB.Id}.{HostPolicyPlatform.WildcardHost}.";
        (status, body) = await SendWithHostAsync(hostB, platform.ProjectA.AnonKey.Key);
        Assert.Equal(401, status);
        Assert.Equal("INVALID_API_KEY", body.GetProperty("error").GetProperty("code").GetString());

        (status, body) = await SendWithHostAsync($"{platform.ProjectA.Id}.{HostPolicyPlatform.WildcardHost}.", platform.ProjectA.AnonKey.Key);
        Assert.True(status == 200, body.ToString());
    }

    private async Task TerminateAsync(Guid projectId)
    {
        await using var cmd = platform.TenantA.DataSource.CreateCommand(
            "select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = "platform/project/" + projectId.ToString("N") });
        await cmd.ExecuteScalarAsync();
    }

    private async Task<(int Status, JsonElement Body)> SendWithHostAsync(string host, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, platform.GatewayUrl + "/graphql")
        {
            Content = new StringContent("""{"query":"{ __typename }"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Host = host + ":" + new Uri(platform.GatewayUrl).Port;
        request.Headers.Add("X-Api-Key", key);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await GatewayClient.Http.SendAsync(request);
        return ((int)response.StatusCode, GatewayClient.Parse(await response.Content.ReadAsStringAsync()));
    }
}
