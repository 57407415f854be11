using Microsoft.AspNetCore.Identity;
using Platform.ControlPlane.Api;
using Platform.ControlPlane.Identity;
using Platform.Metadata.Teams;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.ControlPlane.Auth;

/// <summary>
/// Turns the authenticated principal into a <see cref="Caller"/>, checking that what the token names still exists: a
/// deleted service account or a deleted or locked-out user stops at once, not when the token expires.
/// </summary>
public sealed class CallerResolver(UserManager<PlatformUser> users, ServiceAccountStore serviceAccounts)
{
    public async Task<Caller> RequireAsync(HttpContext http)
    {
        var principal = http.User;
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirst(Claims.Subject)?.Value is not { } subject)
        {
            throw ApiException.Unauthenticated();
        }

        if (principal.HasClaim(c => c.Type == AuthSchemes.ServiceAccountClaim))
        {
            return await serviceAccounts.FindByClientIdAsync(subject, http.RequestAborted) is { } sa
                ? new Caller(null, sa.Name, sa)
                : throw ApiException.Unauthenticated("The service account no longer exists.");
        }

        if (!Guid.TryParse(subject, out var userId) || await users.FindByIdAsync(userId.ToString()) is not { } user
            || await users.IsLockedOutAsync(user))
        {
            throw ApiException.Unauthenticated("The account no longer exists or is locked.");
        }

        return new Caller(userId, user.DisplayName ?? user.Email ?? user.UserName ?? subject, null);
    }
}
