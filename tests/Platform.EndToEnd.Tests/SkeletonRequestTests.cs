using System.Text.Json;
using Npgsql;
using Platform.EndToEnd.Tests.Fixtures;
using Xunit;

namespace Platform.EndToEnd.Tests;

/// <summary>The walking skeleton: app → gateway → silo → project grain → tenant PostgreSQL, all real processes.</summary>
public sealed class SkeletonRequestTests(OneSiloPlatform platform) : IClassFixture<OneSiloPlatform>
{
    [Fact]
    public async Task Typename_travels_through_every_hop_and_runs_on_the_tenant_database()
    {
        var (status, body, response) = await GatewayClient.GraphQLAsync(platform.GatewayUrl, platform.ProjectA.AnonKey.Key);

        Assert.Equal(200, status);
        Assert.Equal("""{"data":{"__typename":"Query"}}""", JsonSerializer.Serialize(body));
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);

        // The grain's pool really opened a connection to the project's own database, named after the project.
        var appName = "platform/project/" + platform.ProjectA.Id.ToString("N");
        await using var cmd = platform.TenantA.DataSource.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()");
        cmd.Parameters.AddWithValue(appName);
        Assert.True((long)(await cmd.ExecuteScalarAsync())! >= 1, "expected a pooled connection from the project's grain");
    }

    [Fact]
    public async Task Per_project_endpoint_serves_its_own_key()
    {
        var p = platform.ProjectB;
        var (status, body, _) = await GatewayClient.GraphQLAsync(platform.GatewayUrl, p.ServiceKey.Key, path: $"/projects/{p.Id}/graphql");
        Assert.Equal(200, status);
        Assert.Equal("Query", body.GetProperty("data").GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task Missing_key_gets_401_with_a_json_error()
    {
        var (status, body, _) = await GatewayClient.GraphQLAsync(platform.GatewayUrl, apiKey: null);
        Assert.Equal(401, status);
        Assert.Equal("INVALID_API_KEY", body.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetProperty("message").GetString()));
    }

    [Theory]
    [InlineData("pk_a_thisKeyWasNeverIssuedByThePlatform000000000")]
    [InlineData("not a key")]
    [InlineData("pk_s_' OR 1=1 --")]
    public async Task Unknown_or_malformed_key_gets_401(string key)
    {
        var (status, body, _) = await GatewayClient.GraphQLAsync(platform.GatewayUrl, key);
        Assert.Equal(401, status);
        Assert.Equal("INVALID_API_KEY", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_key_on_another_projects_endpoint_gets_401()
    {
        var (status, body, _) = await GatewayClient.GraphQLAsync(
            platform.GatewayUrl, platform.ProjectA.ServiceKey.Key, path: $"/projects/{platform.ProjectB.Id}/graphql");
        Assert.Equal(401, status);
        Assert.Equal("INVALID_API_KEY", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Revoked_key_is_refused_within_five_seconds()
    {
        var project = await platform.Hosts.CreateProjectAsync(platform.TenantA.ConnectionString);
        Assert.Equal(200, (await GatewayClient.GraphQLAsync(platform.GatewayUrl, project.AnonKey.Key)).Status);

        await new Platform.Metadata.Keys.ApiKeyStore(platform.Hosts.MetadataSource).RevokeAsync(project.AnonKey.Id);
        var revokedAt = DateTime.UtcNow;
        int status;
        do
        {
            status = (await GatewayClient.GraphQLAsync(platform.GatewayUrl, project.AnonKey.Key)).Status;
            if (status == 401)
            {
                break;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow - revokedAt < TimeSpan.FromSeconds(6));

        Assert.Equal(401, status);
        Assert.True(DateTime.UtcNow - revokedAt <= TimeSpan.FromSeconds(5.5), "revocation took longer than 5 s");
    }

    [Fact]
    public async Task Anon_key_on_sql_gets_403()
    {
        var (status, body, _) = await GatewayClient.PostJsonAsync(platform.GatewayUrl + "/sql", """{"query":"select 1"}""", platform.ProjectA.AnonKey.Key);
        Assert.Equal(403, status);
        Assert.Equal("FORBIDDEN", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Oversized_body_gets_413()
    {
        var big = JsonSerializer.Serialize(new { query = "{ __typename }", variables = new { pad = new string('x', (1 << 20) + 10) } });
        // Its own client: the gateway answers before reading the body and the connection is not fit for reuse.
        using var client = new HttpClient();
        using var content = new StringContent(big, System.Text.Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, platform.GatewayUrl + "/graphql") { Content = content };
        request.Headers.Add("X-Api-Key", platform.ProjectA.AnonKey.Key);
        using var response = await client.SendAsync(request);
        Assert.Equal(413, (int)response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("BODY_TOO_LARGE", body.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_request_straight_to_a_silo_without_the_gateways_signature_is_refused()
    {
        var silo = platform.Hosts.Silos[0].Url;
        var (status, body, _) = await GatewayClient.GraphQLAsync(silo, apiKey: null, path: $"/internal/projects/{platform.ProjectA.Id}/graphql");
        Assert.Equal(401, status);
        Assert.Equal("UNSIGNED_REQUEST", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        // Forged internal headers without the shared secret do not help.
        using var forged = new HttpRequestMessage(HttpMethod.Post, $"{silo}/internal/projects/{platform.ProjectA.Id}/graphql")
        {
            Content = new StringContent("""{"query":"{ __typename }"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        forged.Headers.Add("X-Platform-Project", platform.ProjectA.Id.ToString());
        forged.Headers.Add("X-Platform-Key-Role", "service");
        forged.Headers.Add("X-Platform-Timestamp", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        forged.Headers.Add("X-Platform-Signature", new string('A', 64));
        using var response = await GatewayClient.Http.SendAsync(forged);
        Assert.Equal(401, (int)response.StatusCode);
    }

    [Fact]
    public async Task Project_key_never_reaches_another_projects_database()
    {
        Assert.Equal(200, (await GatewayClient.GraphQLAsync(platform.GatewayUrl, platform.ProjectB.AnonKey.Key)).Status);
        var appNameA = "platform/project/" + platform.ProjectA.Id.ToString("N");
        await using var cmd = platform.TenantB.DataSource.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()");
        cmd.Parameters.AddWithValue(appNameA);
        Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
    }
}
