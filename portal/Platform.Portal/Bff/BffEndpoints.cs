using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Platform.Portal.Bff;

/// <summary>Sign-in, sign-out and "who am I" for the page's script; the OIDC callbacks are the handler's own paths.</summary>
public static class BffEndpoints
{
    public static void MapBff(this WebApplication app)
    {
        app.MapGet("/bff/login", (HttpContext http, string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]));

        app.MapPost("/bff/logout", async (HttpContext http) =>
        {
            if (!SameOrigin(http))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            if (http.User.Identity?.IsAuthenticated != true)
            {
                return Results.Redirect("/");
            }

            // Ends the portal's session, then the control plane's (end-session endpoint with id_token_hint).
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" },
                [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
        });

        app.MapGet("/bff/user", (HttpContext http) =>
        {
            if (http.User.Identity?.IsAuthenticated != true)
            {
                return Results.Json(new { authenticated = false }, statusCode: StatusCodes.Status401Unauthorized);
            }

            return Results.Json(new
            {
                authenticated = true,
                id = http.User.FindFirst("sub")?.Value,
                email = http.User.FindFirst("email")?.Value,
                name = http.User.FindFirst("name")?.Value ?? http.User.FindFirst("email")?.Value,
            });
        });
    }

    /// <summary>Only paths on this site: an absolute or protocol-relative return URL would be an open redirect.</summary>
    public static string LocalOnly(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";

    /// <summary>A cross-site form post carries another Origin (or Sec-Fetch-Site: cross-site); the portal's own does not.</summary>
    public static bool SameOrigin(HttpContext http)
    {
        var site = http.Request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is "same-origin" or "none";
        }

        var origin = http.Request.Headers.Origin.ToString();
        return origin.Length == 0 || string.Equals(origin, $"{http.Request.Scheme}://{http.Request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
