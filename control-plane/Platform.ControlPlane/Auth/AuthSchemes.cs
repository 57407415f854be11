namespace Platform.ControlPlane.Auth;

public static class AuthSchemes
{
    /// <summary>The API's scheme: picks personal access tokens or OpenIddict's access tokens by the token's shape.</summary>
    public const string Bearer = "platform-bearer";

    public const string PersonalAccessToken = "pat";

    /// <summary>Claim on client-credentials tokens: the token belongs to a team's service account.</summary>
    public const string ServiceAccountClaim = "platform_sa";
}
