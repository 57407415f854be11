using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Platform.Portal.Bff;

/// <summary>
/// Backend-for-frontend sign-in (decision 0032): the portal is the OIDC client, runs authorization code + PKCE
/// against the control plane and keeps the tokens in its encrypted, HTTP-only session cookie. The browser's
/// script never sees a token; it calls <c>/api</c> on the portal's origin and the portal adds the bearer token.
/// </summary>
public static class BffAuthentication
{
    public const string CookieName = "platform.portal";

    private static readonly string[] Scopes = ["openid", "profile", "email", "offline_access", "api"];

    public static IServiceCollection AddPortalAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PortalOptions>()
            .Configure(o =>
            {
                o.ControlPlaneUrl = new Uri(configuration["Platform:ControlPlaneUrl"] ?? o.ControlPlaneUrl.ToString());
                configuration.GetSection("Platform:Portal").Bind(o);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<TokenRefresher>();
        services.AddHttpClient(TokenRefresher.ClientName);

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                // The API answers 401 itself; a script's fetch must never be redirected to a sign-in page.
                o.Events.OnRedirectToLogin = c =>
                {
                    c.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
                o.Events.OnValidatePrincipal = c => c.HttpContext.RequestServices.GetRequiredService<TokenRefresher>().RefreshIfDueAsync(c);
            })
            .AddOpenIdConnect();

        services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
            .Configure<IOptions<PortalOptions>>((o, portal) =>
            {
                var p = portal.Value;
                o.Authority = p.ControlPlaneUrl.ToString().TrimEnd('/');
                o.RequireHttpsMetadata = p.ControlPlaneUrl.Scheme == Uri.UriSchemeHttps;
                o.ClientId = p.ClientId;
                o.ClientSecret = p.ClientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.UsePkce = true;
                o.SaveTokens = true;
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = true;
                o.CallbackPath = "/signin-oidc";
                o.SignedOutCallbackPath = "/signout-callback-oidc";
                o.SignedOutRedirectUri = "/";
                o.Scope.Clear();
                foreach (var s in Scopes)
                {
                    o.Scope.Add(s);
                }

                o.TokenValidationParameters.NameClaimType = "email";
                // The code flow's redirect back is a top-level GET, which Lax cookies survive; None would need HTTPS.
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Events.OnRemoteFailure = c =>
                {
                    c.HandleResponse();
                    c.Response.Redirect("/?signin-error=" + Uri.EscapeDataString(c.Failure?.Message ?? "sign-in failed"));
                    return Task.CompletedTask;
                };
            });
        return services;
    }

    public static Task<string?> AccessTokenAsync(this HttpContext http) => http.GetTokenAsync(CookieAuthenticationDefaults.AuthenticationScheme, "access_token");
}
