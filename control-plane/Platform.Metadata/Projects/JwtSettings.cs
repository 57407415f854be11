namespace Platform.Metadata.Projects;

/// <summary>How end-user JWTs are verified and minted for a project (PostGraphile's jwtSecret / jwtPgTypeIdentifier).</summary>
public sealed record JwtSettings
{
    /// <summary>HS256 shared secret. Stored encrypted, never in the settings JSON column.</summary>
    public string? Secret { get; init; }

    public string Algorithm { get; init; } = "HS256";

    /// <summary>PEM public key for RS256/ES256.</summary>
    public string? PublicKey { get; init; }

    public string? Audience { get; init; }

    /// <summary>Composite type whose values become signed tokens, e.g. app_public.jwt_token.</summary>
    public string? TokenType { get; init; }

    public string RoleClaim { get; init; } = "role";

    /// <summary>
    /// Accept end-user tokens without an <c>exp</c> claim. Off by default: such a token is good forever, and a leaked
    /// one can only be stopped by rotating the secret.
    /// </summary>
    public bool AllowTokensWithoutExpiry { get; init; }
}
