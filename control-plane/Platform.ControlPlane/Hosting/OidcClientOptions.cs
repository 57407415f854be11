namespace Platform.ControlPlane.Hosting;

/// <summary>The portal's OpenID Connect registration: a secret makes it confidential (a BFF), none leaves it public (PKCE alone).</summary>
public sealed class OidcClientOptions
{
    public string? ClientSecret { get; set; }

    /// <summary>Redirect URIs; one string may hold several separated by ';'.</summary>
    public string[] RedirectUris { get; set; } = ["http://127.0.0.1:5300/signin-oidc"];

    public string[] PostLogoutRedirectUris { get; set; } = ["http://127.0.0.1:5300/signout-callback-oidc"];
}
