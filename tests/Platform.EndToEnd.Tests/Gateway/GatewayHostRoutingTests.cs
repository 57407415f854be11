using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Platform.EndToEnd.Tests.Fixtures;
using Xunit;

namespace Platform.EndToEnd.Tests.Gateway;

/// <summary>
/// Wildcard-host routing ({projectId}.api.localtest.me) in a real gateway process, sent to 127.0.0.1 with the Host
/// header set, against <see cref="FakeSilo"/>, which answers with the project and path that reached it.
/// </summary>
public sealed class GatewayHostRoutingTests(WebSocketPlatform platform) : IClassFixture<WebSocketPlatform>
{
    [Fact]
    public async Task A_project_host_serves_that_project_and_refuses_another_projects_key()
    {
        var a = await platform.NewProjectAsync();
        var b = await platform.NewProjectAsync();
        var hostA = $"{a.Id}.{WebSocketPlatform.WildcardHost}";

        var graphql = await SendAsync(hostA, "/graphql", a.AnonKey.Key);
        Assert.Equal(200, graphql.Status);
        Assert.Equal(a.Id.ToString(), graphql.Body.GetProperty("project").GetString());
        Assert.Equal($"/internal/projects/{a.Id}/graphql", graphql.Body.GetProperty("path").GetString());

        var sql = await SendAsync(hostA.ToUpperInvariant(), "/sql", a.ServiceKey.Key);
        Assert.Equal(200, sql.Status);
        Assert.Equal($"/internal/projects/{a.Id}/sql", sql.Body.GetProperty("path").GetString());

        var otherKey = await SendAsync(hostA, "/graphql", b.AnonKey.Key);
        Assert.Equal(401, otherKey.Status);
        Assert.Equal("INVALID_API_KEY", otherKey.Body.GetProperty("error").GetProperty("code").GetString());

        // The bare wildcard host and plain addresses keep serving the key's own project.
        Assert.Equal(b.Id.ToString(), (await SendAsync(WebSocketPlatform.WildcardHost, "/graphql", b.AnonKey.Key)).Body.GetProperty("project").GetString());
        Assert.Equal(b.Id.ToString(), (await SendAsync(null, "/graphql", b.AnonKey.Key)).Body.GetProperty("project").GetString());
    }

    [Theory]
    [InlineData("shop.api.localtest.me", "not a project id")]
    [InlineData("a.b.api.localtest.me", "one DNS label")]
    [InlineData("0193a2b4-0000-7000-8000-00000000000x.api.localtest.me", "not a project id")]
    public async Task A_host_under_the_wildcard_that_names_no_project_id_is_refused_with_400(string host, string reason)
    {
        var project = await platform.NewProjectAsync();
        var (status, body) = await SendAsync(host, "/graphql", project.AnonKey.Key);
        Assert.Equal(400, status);
        Assert.Equal("INVALID_HOST", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains(reason, body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_and_a_path_naming_different_projects_are_refused()
    {
        var a = await platform.NewProjectAsync();
        var b = await platform.NewProjectAsync();
        var (status, body) = await SendAsync($"{a.Id}.{WebSocketPlatform.WildcardHost}", $"/projects/{b.Id}/graphql", a.AnonKey.Key);
        Assert.Equal(400, status);
        Assert.Equal("INVALID_HOST", body.GetProperty("error").GetProperty("code").GetString());
    }

    private async Task<(int Status, JsonElement Body)> SendAsync(string? host, string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, platform.GatewayUrls[0] + path)
        {
            Content = new StringContent("""{"query":"{ __typename }"}""", Encoding.UTF8, "application/json"),
        };
        if (host is not null)
        {
            // Port included, as a browser sends it; the gateway matches on the host name alone.
            request.Headers.Host = host + ":" + new Uri(platform.GatewayUrls[0]).Port;
        }

        request.Headers.Add("X-Api-Key", key);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await GatewayClient.Http.SendAsync(request);
        return ((int)response.StatusCode, GatewayClient.Parse(await response.Content.ReadAsStringAsync()));
    }
}
