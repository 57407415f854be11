using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Platform.Metadata.Tokens;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.ControlPlane.Auth;

/// <summary>"Authorization: Bearer pat_..." authenticates as the token's user, while it is unexpired and unrevoked.</summary>
public sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PersonalAccessTokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken(Request) is not { } token || !token.StartsWith(PersonalAccessTokenStore.TokenPrefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }

        if (token.Length > 200 || await tokens.ValidateAsync(token, Context.RequestAborted) is not { } pat)
        {
            return AuthenticateResult.Fail("unknown, expired or revoked personal access token");
        }

        var identity = new ClaimsIdentity(
            [new Claim(Claims.Subject, pat.UserId.ToString()), new Claim("pat_id", pat.Id.ToString())], Scheme.Name, Claims.Name, Claims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }
}
