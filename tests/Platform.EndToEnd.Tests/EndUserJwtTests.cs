using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.EndToEnd.Tests.Fixtures;
using Platform.Metadata.Projects;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// End-user JWTs through the gateway: claims become the PostgreSQL role and jwt.claims.* settings, row-level
/// security does the filtering, and every kind of bad token is refused rather than treated as anonymous.
/// </summary>
public sealed class EndUserJwtTests(OneSiloPlatform platform) : IClassFixture<OneSiloPlatform>, IAsyncLifetime
{
    private const string Secret = "a-test-secret-that-is-long-enough-for-hs256";
    private const string Audience = "platform-tests";
    private readonly TestDatabase tenant = new();
    private TestProject project = null!;

    public async Task InitializeAsync()
    {
        await tenant.InitializeAsync();
        await tenant.ExecuteAsync("""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jwt_anon') THEN CREATE ROLE jwt_anon NOLOGIN; END IF;
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jwt_user') THEN CREATE ROLE jwt_user NOLOGIN; END IF;
            END $$;
            CREATE TABLE public.notes (id serial PRIMARY KEY, owner int NOT NULL, body text NOT NULL, public boolean NOT NULL DEFAULT false);
            ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
            GRANT SELECT ON public.notes TO jwt_anon, jwt_user;
            CREATE POLICY anon_public ON public.notes FOR SELECT TO jwt_anon USING (public);
            CREATE POLICY own ON public.notes FOR SELECT TO jwt_user
              USING (public OR owner = nullif(current_setting('jwt.claims.user_id', true), '')::int);
            CREATE FUNCTION public.current_user_id() RETURNS text LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('jwt.claims.user_id', true), '') $$;
            CREATE FUNCTION public.current_role_name() RETURNS text LANGUAGE sql STABLE AS $$ SELECT current_user::text $$;
            INSERT INTO public.notes (owner, body, public) VALUES (1, 'a-private', false), (2, 'b-private', false), (1, 'everyone', true);
            """);
        project = await platform.Hosts.CreateProjectAsync(tenant.ConnectionString, new ProjectSettings
        {
            AnonymousRole = "jwt_anon",
            AllowedRoles = ["jwt_anon", "jwt_user"],
            Jwt = new JwtSettings { Secret = Secret, Algorithm = "HS256", Audience = Audience },
            // One connection, so consecutive requests share it and any leak between them would show.
            PoolSize = 1,
        });
    }

    public async Task DisposeAsync() => await tenant.DisposeAsync();

    [Fact]
    public async Task Without_a_token_the_anon_key_runs_as_the_anonymous_role()
    {
        Assert.Equal(["everyone"], await BodiesAsync(null));
        Assert.Equal("jwt_anon", (await QueryAsync(null, "{ currentRoleName }")).GetProperty("data").GetProperty("currentRoleName").GetString());
    }

    [Fact]
    public async Task A_token_s_claims_become_role_and_settings_and_rls_filters_by_them()
    {
        Assert.Equal(["a-private", "everyone"], await BodiesAsync(Token(new() { ["role"] = "jwt_user", ["user_id"] = 1 })));
        Assert.Equal(["b-private", "everyone"], await BodiesAsync(Token(new() { ["role"] = "jwt_user", ["user_id"] = 2 })));
    }

    [Fact]
    public async Task Nothing_of_one_request_s_identity_reaches_the_next_on_the_same_connection()
    {
        var withClaims = await QueryAsync(Token(new() { ["role"] = "jwt_user", ["user_id"] = 7 }), "{ currentUserId currentRoleName }");
        Assert.Equal("7", withClaims.GetProperty("data").GetProperty("currentUserId").GetString());
        Assert.Equal("jwt_user", withClaims.GetProperty("data").GetProperty("currentRoleName").GetString());

        var after = await QueryAsync(null, "{ currentUserId currentRoleName }");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("data").GetProperty("currentUserId").ValueKind);
        Assert.Equal("jwt_anon", after.GetProperty("data").GetProperty("currentRoleName").GetString());
    }

    public static TheoryData<string> BadTokens() => new()
    {
        "expired", "not-yet-valid", "wrong-audience", "tampered", "alg-none", "rs256-signed", "hs256-with-other-secret", "garbage",
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Bad_tokens_get_401_invalid_jwt_never_anonymity(string kind)
    {
        var claims = new Dictionary<string, object> { ["role"] = "jwt_user", ["user_id"] = 1 };
        var token = kind switch
        {
            "expired" => Token(claims, expires: DateTime.UtcNow.AddMinutes(-10), notBefore: DateTime.UtcNow.AddMinutes(-20)),
            "not-yet-valid" => Token(claims, notBefore: DateTime.UtcNow.AddMinutes(10), expires: DateTime.UtcNow.AddMinutes(20)),
            "wrong-audience" => Token(claims, audience: "someone-else"),
            "tampered" => Tamper(Token(claims)),
            "alg-none" => Unsigned(claims),
            "rs256-signed" => RsaSigned(claims),
            "hs256-with-other-secret" => Token(claims, secret: "another-secret-that-is-long-enough-for-hs256"),
            _ => "not.a.jwt",
        };
        var (status, body) = await SendAsync(token, "{ allNotes { nodes { body } } }");
        Assert.Equal(401, status);
        Assert.Equal("INVALID_JWT", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.False(body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object);
    }

    [Fact]
    public async Task A_role_the_project_does_not_allow_is_refused()
    {
        var (status, body) = await SendAsync(Token(new() { ["role"] = "postgres", ["user_id"] = 1 }), "{ allNotes { nodes { body } } }");
        Assert.Equal(403, status);
        Assert.Equal("FORBIDDEN", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    private async Task<string[]> BodiesAsync(string? token)
    {
        var data = await QueryAsync(token, "{ allNotes(orderBy: BODY_ASC) { nodes { body } } }");
        return data.GetProperty("data").GetProperty("allNotes").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("body").GetString()!).ToArray();
    }

    private async Task<JsonElement> QueryAsync(string? token, string query)
    {
        var (status, body) = await SendAsync(token, query);
        Assert.True(status == 200 && !body.TryGetProperty("errors", out _), $"{status} {body}");
        return body;
    }

    private async Task<(int Status, JsonElement Body)> SendAsync(string? token, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, platform.GatewayUrl + "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", project.AnonKey.Key);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await GatewayClient.Http.SendAsync(request);
        return ((int)response.StatusCode, GatewayClient.Parse(await response.Content.ReadAsStringAsync()));
    }

    private static string Token(Dictionary<string, object> claims, DateTime? expires = null, DateTime? notBefore = null, string audience = Audience, string secret = Secret) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Audience = audience,
            NotBefore = notBefore ?? DateTime.UtcNow.AddMinutes(-1),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            IssuedAt = (notBefore ?? DateTime.UtcNow.AddMinutes(-1)).AddSeconds(-1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(parts[1])).RootElement;
        var changed = payload.EnumerateObject().ToDictionary(p => p.Name, p => p.Name == "user_id" ? JsonSerializer.SerializeToElement(2) : p.Value);
        parts[1] = Base64UrlEncoder.Encode(JsonSerializer.Serialize(changed));
        return string.Join('.', parts);
    }

    private static string Unsigned(Dictionary<string, object> claims)
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var body = new Dictionary<string, object>(claims) { ["aud"] = Audience, ["exp"] = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds() };
        return header + "." + Base64UrlEncoder.Encode(JsonSerializer.Serialize(body)) + ".";
    }

    private static string RsaSigned(Dictionary<string, object> claims)
    {
        using var rsa = RSA.Create(2048);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256),
        });
    }
}
