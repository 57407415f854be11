using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.DataPlane.Grains.Auth;
using Platform.Errors;
using Platform.Metadata.Keys;
using Platform.Metadata.Projects;
using Xunit;

namespace Platform.DataPlane.Tests.Attacks;

/// <summary>
/// #19, low: a token without <c>exp</c> was accepted and never expired, so a leaked one worked until the secret was
/// rotated. It is now refused with INVALID_JWT unless the project allows such tokens (jwt.allowTokensWithoutExpiry).
/// </summary>
[Trait("Tier", "Fast")]
public sealed class TokenExpiryAttackTests
{
    private const string Secret = "a-test-secret-of-at-least-thirty-two-bytes!";

    private static ProjectSettings Settings(bool allow) => new()
    {
        AnonymousRole = "web_anon",
        AllowedRoles = ["app_user"],
        Jwt = new JwtSettings { Secret = Secret, AllowTokensWithoutExpiry = allow },
    };

    /// <summary>Signed correctly, with no exp, nbf or iat at all.</summary>
    private static string EternalToken() =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["role"] = "app_user", ["user_id"] = 7 },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)), SecurityAlgorithms.HmacSha256),
        });

    [Fact]
    public async Task A_token_without_exp_is_refused_by_default()
    {
        var result = await new RequestIdentity(Settings(allow: false)).ResolveAsync(ApiKeyRole.Anon, "Bearer " + EternalToken());

        Assert.True(result.Refused);
        Assert.Equal(ErrorCodes.InvalidJwt, result.Error!.Code);
        Assert.Contains("exp", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_may_allow_tokens_without_exp()
    {
        var result = await new RequestIdentity(Settings(allow: true)).ResolveAsync(ApiKeyRole.Anon, "Bearer " + EternalToken());

        Assert.False(result.Refused);
        Assert.Equal("app_user", result.Session!.Role);
    }
}
