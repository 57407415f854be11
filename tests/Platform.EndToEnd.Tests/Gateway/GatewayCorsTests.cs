using System.Text;
using System.Text.Json;
using Platform.EndToEnd.Tests.Fixtures;
using Platform.Metadata.Projects;
using Xunit;

namespace Platform.EndToEnd.Tests.Gateway;

/// <summary>
/// CORS and the key in Neon's connection-string header, over HTTP against a real gateway and <see cref="FakeSilo"/>:
/// preflights need no key, the default is any origin without credentials, a project's own origins are enforced
/// on the actual request, and the platform's headers are readable by browser scripts.
/// </summary>
public sealed class GatewayCorsTests(WebSocketPlatform platform) : IClassFixture<WebSocketPlatform>
{
    private string Gateway => platform.GatewayUrls[0];

    [Theory]
    [InlineData("/sql")]
    [InlineData("/graphql")]
    [InlineData("/projects/00000000-0000-0000-0000-000000000001/sql")]
    public async Task A_preflight_is_answered_without_a_key(string path)
    {
        using var response = await PreflightAsync(path, "https://app.example", "content-type, x-api-key, neon-connection-string, authorization");
        Assert.Equal(204, (int)response.StatusCode);
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("GET, POST, OPTIONS", Header(response, "Access-Control-Allow-Methods"));
        Assert.Equal("content-type, x-api-key, neon-connection-string, authorization", Header(response, "Access-Control-Allow-Headers"));
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task By_default_any_origin_may_read_answers_and_the_platform_s_headers()
    {
        var project = await platform.NewProjectAsync();
        using var ok = await PostAsync("/graphql", "https://anywhere.example", project.AnonKey.Key);
        Assert.Equal(200, (int)ok.StatusCode);
        Assert.Equal("*", Header(ok, "Access-Control-Allow-Origin"));
        var exposed = Header(ok, "Access-Control-Expose-Headers")!;
        foreach (var name in new[] { "X-Request-Id", "Server-Timing", "Retry-After" })
        {
            Assert.Contains(name, exposed, StringComparison.Ordinal);
        }

        // The gateway's own refusals are readable too, so a browser app can show why.
        using var refused = await PostAsync("/graphql", "https://anywhere.example", "pk_a_unknown");
        Assert.Equal(401, (int)refused.StatusCode);
        Assert.Equal("*", Header(refused, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_project_s_own_origins_are_enforced_before_the_silo()
    {
        var project = await platform.Hosts.CreateProjectAsync(platform.Metadata.ConnectionString,
            new ProjectSettings { Cors = new ProjectCorsSettings { AllowedOrigins = ["https://app.example"] } });
        var before = platform.Silo.Requests.GetValueOrDefault(project.Id);

        using var allowed = await PostAsync("/graphql", "https://app.example", project.AnonKey.Key);
        Assert.Equal(200, (int)allowed.StatusCode);
        Assert.Equal("https://app.example", Header(allowed, "Access-Control-Allow-Origin"));
        Assert.Contains("Origin", allowed.Headers.Vary);

        using var foreign = await PostAsync("/graphql", "https://evil.example", project.AnonKey.Key);
        Assert.Equal(403, (int)foreign.StatusCode);
        Assert.Equal("ORIGIN_NOT_ALLOWED", JsonDocument.Parse(await foreign.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Null(Header(foreign, "Access-Control-Allow-Origin"));
        Assert.Equal(before + 1, platform.Silo.Requests.GetValueOrDefault(project.Id));

        // Without an Origin (a server, not a browser) nothing changes.
        using var server = await PostAsync("/graphql", null, project.AnonKey.Key);
        Assert.Equal(200, (int)server.StatusCode);

        // Once the gateway knows the project, preflights naming it follow its origins.
        using var preflight = await PreflightAsync($"/projects/{project.Id}/graphql", "https://evil.example", "content-type");
        Assert.Equal(403, (int)preflight.StatusCode);
        using var good = await PreflightAsync($"/projects/{project.Id}/graphql", "https://app.example", "content-type");
        Assert.Equal(204, (int)good.StatusCode);
        Assert.Equal("https://app.example", Header(good, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_key_may_be_the_password_of_Neon_s_connection_string_which_never_reaches_the_silo()
    {
        var project = await platform.NewProjectAsync();
        var other = await platform.NewProjectAsync();
        // User, host and database name another project: only the key counts.
        var url = $"postgresql://someone:{Uri.EscapeDataString(project.ServiceKey.Key)}@{other.Id}.{WebSocketPlatform.WildcardHost}/otherdb?sslmode=require";
        using var request = new HttpRequestMessage(HttpMethod.Post, Gateway + "/sql") { Content = new StringContent("""{"query":"select 1"}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("Neon-Connection-String", url);
        using var response = await GatewayClient.Http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        var echo = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(project.Id.ToString(), echo.GetProperty("project").GetString());
        Assert.Equal("service", echo.GetProperty("keyRole").GetString());
        Assert.Equal("", echo.GetProperty("neonConnectionString").GetString());

        // An anon key in the connection string without an end-user token is refused at the gateway.
        using var anon = new HttpRequestMessage(HttpMethod.Post, Gateway + "/sql") { Content = new StringContent("""{"query":"select 1"}""", Encoding.UTF8, "application/json") };
        anon.Headers.Add("Neon-Connection-String", $"postgresql://anon:{Uri.EscapeDataString(project.AnonKey.Key)}@h/db");
        using var refused = await GatewayClient.Http.SendAsync(anon);
        Assert.Equal(403, (int)refused.StatusCode);

        // On /graphql the header is not a key.
        using var graphql = new HttpRequestMessage(HttpMethod.Post, Gateway + "/graphql") { Content = new StringContent("""{"query":"{__typename}"}""", Encoding.UTF8, "application/json") };
        graphql.Headers.Add("Neon-Connection-String", url);
        using var noKey = await GatewayClient.Http.SendAsync(graphql);
        Assert.Equal(401, (int)noKey.StatusCode);
    }

    private async Task<HttpResponseMessage> PreflightAsync(string path, string origin, string headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, Gateway + path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return await GatewayClient.Http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string? origin, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Gateway + path) { Content = new StringContent("""{"query":"{__typename}"}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", key);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await GatewayClient.Http.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;
}
