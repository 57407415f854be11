using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.DataPlane.Grains.Auth;
using Platform.Errors;
using Platform.Metadata.Keys;
using Platform.Metadata.Projects;
using Xunit;

namespace Platform.DataPlane.Tests.Projects;

/// <summary>Key role and end-user JWT to session, without a database or a grain.</summary>
[Trait("Tier", "Fast")]
public sealed class RequestIdentityTests
{
    private const string Secret = "a-test-secret-of-at-least-thirty-two-bytes!";

    private static readonly ProjectSettings Settings = new()
    {
        AnonymousRole = "web_anon",
        OwnerRole = "app_owner",
        AllowedRoles = ["app_user"],
        Jwt = new JwtSettings { Secret = Secret, Audience = "postgraphile" },
    };

    private static string Token(string role, DateTime? expires = null, string secret = Secret, string audience = "postgraphile") =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["role"] = role, ["user_id"] = 7 },
            Audience = audience,
            Expires = expires ?? DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });

    [Fact]
    public async Task Without_a_token_the_key_role_picks_the_anonymous_or_owner_role()
    {
        var identity = new RequestIdentity(Settings);

        Assert.Equal("web_anon", (await identity.ResolveAsync(ApiKeyRole.Anon, null)).Session!.Role);
        Assert.Equal("app_owner", (await identity.ResolveAsync(ApiKeyRole.Service, null)).Session!.Role);
    }

    [Fact]
    public async Task Without_an_anonymous_role_the_anon_key_is_refused_unless_a_token_names_a_role()
    {
        var identity = new RequestIdentity(Settings with { AnonymousRole = null });

        var bare = await identity.ResolveAsync(ApiKeyRole.Anon, null);
        Assert.Equal(ErrorCodes.AnonymousRoleNotSet, bare.Error!.Code);
        Assert.Equal(403, bare.Error.Status);
        var roleless = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["user_id"] = 7 },
            Audience = "postgraphile",
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)), SecurityAlgorithms.HmacSha256),
        });
        Assert.Equal(ErrorCodes.AnonymousRoleNotSet, (await identity.ResolveAsync(ApiKeyRole.Anon, "Bearer " + roleless)).Error!.Code);
        Assert.Equal("app_user", (await identity.ResolveAsync(ApiKeyRole.Anon, "Bearer " + Token("app_user"))).Session!.Role);
        Assert.Equal("app_owner", (await identity.ResolveAsync(ApiKeyRole.Service, null)).Session!.Role);
        Assert.Null((await new RequestIdentity(new ProjectSettings()).ResolveAsync(ApiKeyRole.Service, null)).Session);
    }

    [Fact]
    public async Task A_valid_token_sets_its_role_and_claims()
    {
        var result = await new RequestIdentity(Settings).ResolveAsync(ApiKeyRole.Anon, "Bearer " + Token("app_user"));

        Assert.False(result.Refused);
        Assert.Equal("app_user", result.Session!.Role);
        Assert.Equal("7", result.Session.Settings!["jwt.claims.user_id"]);
    }

    [Fact]
    public async Task Bad_tokens_are_refused_never_downgraded()
    {
        var identity = new RequestIdentity(Settings);

        Assert.Equal(ErrorCodes.InvalidJwt, (await identity.ResolveAsync(ApiKeyRole.Anon, "Basic abc")).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidJwt, (await identity.ResolveAsync(ApiKeyRole.Anon, "Bearer " + Token("app_user", secret: new string('x', 40)))).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidJwt, (await identity.ResolveAsync(ApiKeyRole.Anon, "Bearer " + Token("app_user", audience: "other"))).Error!.Code);
        var expired = await identity.ResolveAsync(ApiKeyRole.Anon, "Bearer " + Token("app_user", expires: DateTime.UtcNow.AddMinutes(-5)));
        Assert.Equal(ErrorCodes.InvalidJwt, expired.Error!.Code);
        Assert.Equal(401, expired.Error.Status);
    }

    [Fact]
    public async Task A_role_the_project_does_not_allow_is_forbidden()
    {
        var result = await new RequestIdentity(Settings).ResolveAsync(ApiKeyRole.Anon, "Bearer " + Token("postgres"));

        Assert.Equal(ErrorCodes.Forbidden, result.Error!.Code);
        Assert.Equal(403, result.Error.Status);
    }
}
