using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Platform.Portal.Bff;

/// <summary>
/// Keeps the session's access token fresh with the refresh token (rotated on use by the control plane). A session
/// whose refresh fails is signed out, so the next API call answers 401 and the page offers to sign in again.
/// </summary>
public sealed class TokenRefresher(IHttpClientFactory clients, IOptions<PortalOptions> options, ILogger<TokenRefresher> logger)
{
    public const string ClientName = "oidc-refresh";

    public async Task RefreshIfDueAsync(CookieValidatePrincipalContext context)
    {
        var tokens = context.Properties;
        var expiresAt = tokens.GetTokenValue("expires_at");
        var refresh = tokens.GetTokenValue("refresh_token");
        if (expiresAt is null
            || !DateTimeOffset.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expiry)
            || expiry - DateTimeOffset.UtcNow > options.Value.RefreshBefore)
        {
            return;
        }

        var fresh = refresh is null ? null : await RefreshAsync(refresh, context.HttpContext.RequestAborted);
        if (fresh is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        tokens.UpdateTokenValue("access_token", fresh.Value.Access);
        tokens.UpdateTokenValue("expires_at", fresh.Value.ExpiresAt.ToString("o", CultureInfo.InvariantCulture));
        if (fresh.Value.Refresh is not null)
        {
            tokens.UpdateTokenValue("refresh_token", fresh.Value.Refresh);
        }

        context.ShouldRenew = true;
    }

    private async Task<(string Access, string? Refresh, DateTimeOffset ExpiresAt)?> RefreshAsync(string refreshToken, CancellationToken cancel)
    {
        var o = options.Value;
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = o.ClientId,
        };
        if (!string.IsNullOrEmpty(o.ClientSecret))
        {
            form["client_secret"] = o.ClientSecret;
        }

        try
        {
            using var response = await clients.CreateClient(ClientName).PostAsync(new Uri(o.ControlPlaneUrl, "/connect/token"), new FormUrlEncodedContent(form), cancel);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogInformation("refresh refused: {Status}", (int)response.StatusCode);
                return null;
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel));
            var root = json.RootElement;
            var seconds = root.TryGetProperty("expires_in", out var e) ? e.GetInt32() : 3600;
            return (root.GetProperty("access_token").GetString()!,
                root.TryGetProperty("refresh_token", out var r) ? r.GetString() : null,
                DateTimeOffset.UtcNow.AddSeconds(seconds));
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "refresh failed: control plane unreachable");
            return null;
        }
    }
}
