using System.Net.Http.Headers;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.EndToEnd.Tests.Fixtures;
using Platform.Metadata.Keys;
using Platform.Metadata.Projects;
using Xunit;

namespace Platform.EndToEnd.Tests.Attacks;

/// <summary>
/// #19, medium: a project without anonymousRole (the documented default) ran its public anon key as the connection's
/// owner, which saw the private table. Now the anon key is refused there with ANONYMOUS_ROLE_NOT_SET unless an
/// end-user token names a role the project allows (decision 0086). The project is written as any path writes it,
/// with no anonymousRole, on tenant B's database where one table is private.
/// </summary>
public sealed class AnonymousRoleAttackTests(AttackPlatform platform) : IClassFixture<AttackPlatform>
{
    private const string Secret = "anonymous-role-attack-secret-of-32-bytes+";

    [Fact]
    public async Task The_anon_key_of_a_project_without_anonymous_role_never_runs_as_the_owner()
    {
        var settings = new ProjectSettings
        {
            AllowedRoles = [platform.PooledAnonRole],
            Jwt = new JwtSettings { Secret = Secret },
            Sql = new ProjectSqlSettings { AllowEndUserTokens = true },
        };
        var id = await platform.Hosts.Projects.UpsertAsync("no-anon-" + Guid.NewGuid().ToString("N")[..8], platform.TenantB.ConnectionString, settings);
        var keys = new ApiKeyStore(platform.Hosts.MetadataSource);
        var anon = await keys.IssueAsync(id, ApiKeyRole.Anon);
        var service = await keys.IssueAsync(id, ApiKeyRole.Service);

        var (status, body) = await GraphQLAsync(anon.Key, null, "{ allPrivateNotes { nodes { body } } }");
        Assert.True(status == 403, body);
        Assert.Contains("\"ANONYMOUS_ROLE_NOT_SET\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("private", body.Replace("allPrivateNotes", "", StringComparison.Ordinal), StringComparison.Ordinal);

        // A token that names no role is no more than the anon key: refused on GraphQL and on /sql.
        var roleless = Token(role: null);
        (status, body) = await GraphQLAsync(anon.Key, roleless, "{ __typename }");
        Assert.True(status == 403, body);
        Assert.Contains("\"ANONYMOUS_ROLE_NOT_SET\"", body, StringComparison.Ordinal);
        (status, body) = await SqlAsync(anon.Key, roleless, "select body from private_note");
        Assert.True(status == 403, body);
        Assert.Contains("\"ANONYMOUS_ROLE_NOT_SET\"", body, StringComparison.Ordinal);

        // A token naming an allowed role runs as that role; the service key still runs as the owner.
        (status, body) = await GraphQLAsync(anon.Key, Token(platform.PooledAnonRole), "{ allOpenNotes { nodes { body } } }");
        Assert.True(status == 200 && body.Contains("\"open\"", StringComparison.Ordinal), body);
        (status, body) = await GraphQLAsync(service.Key, null, "{ allPrivateNotes { nodes { body } } }");
        Assert.True(status == 200 && body.Contains("\"private\"", StringComparison.Ordinal), body);
    }

    private static string Token(string? role)
    {
        var claims = new Dictionary<string, object> { ["sub"] = "someone" };
        if (role is not null)
        {
            claims["role"] = role;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)), SecurityAlgorithms.HmacSha256),
        });
    }

    private Task<(int Status, string Body)> GraphQLAsync(string key, string? token, string query) =>
        SendAsync("/graphql", key, token, System.Text.Json.JsonSerializer.Serialize(new { query }));

    private Task<(int Status, string Body)> SqlAsync(string key, string? token, string query) =>
        SendAsync("/sql", key, token, System.Text.Json.JsonSerializer.Serialize(new { query }));

    private async Task<(int Status, string Body)> SendAsync(string path, string key, string? token, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, platform.GatewayUrl + path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", key);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await GatewayClient.Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
