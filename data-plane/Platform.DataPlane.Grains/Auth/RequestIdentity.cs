using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.DataPlane.Execution;
using Platform.Errors;
using Platform.Metadata.Keys;
using Platform.Metadata.Projects;

namespace Platform.DataPlane.Grains.Auth;

/// <summary>
/// Turns a request's key role and optional end-user JWT into the PostgreSQL session it runs as, the PostGraphile way:
/// the token's role claim becomes the transaction's role (only roles the project allows) and every claim a
/// transaction-local <c>jwt.claims.*</c> setting. A bad token is refused, never downgraded to anonymous.
/// Only the project's configured algorithm is accepted, so "none" and HS/RS confusion cannot get through.
/// </summary>
public sealed class RequestIdentity
{
    private readonly ProjectSettings settings;
    private readonly TokenValidationParameters? validation;
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    public RequestIdentity(ProjectSettings settings)
    {
        this.settings = settings;
        if (settings.Jwt is { } jwt && (jwt.Secret is not null || jwt.PublicKey is not null))
        {
            validation = new TokenValidationParameters
            {
                ValidAlgorithms = [jwt.Algorithm],
                IssuerSigningKey = SigningKey(jwt),
                ValidateIssuerSigningKey = true,
                ValidateIssuer = false,
                ValidateAudience = jwt.Audience is not null,
                ValidAudience = jwt.Audience,
                ValidateLifetime = true,
                // A token without exp is good forever; the project has to say it wants that.
                RequireExpirationTime = !jwt.AllowTokensWithoutExpiry,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        }
    }

    /// <summary>The session for a request, or a refusal (INVALID_JWT, FORBIDDEN) when its token is not acceptable.</summary>
    public async Task<IdentityResult> ResolveAsync(ApiKeyRole keyRole, string? authorization)
    {
        var fallbackRole = keyRole == ApiKeyRole.Service ? settings.OwnerRole : settings.AnonymousRole;
        if (string.IsNullOrWhiteSpace(authorization))
        {
            if (keyRole != ApiKeyRole.Service && fallbackRole is null)
            {
                // The anon key is public; without a role of its own it would run as the connection's owner.
                return AnonymousRoleNotSet;
            }

            return IdentityResult.Ok(fallbackRole is null ? null : new GraphQLSession(fallbackRole));
        }

        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return IdentityResult.Refuse(ErrorCodes.InvalidJwt, "Authorization must be 'Bearer <token>'.");
        }

        if (validation is null)
        {
            return IdentityResult.Refuse(ErrorCodes.InvalidJwt, "This project accepts no end-user tokens (no JWT secret or key is configured).");
        }

        var result = await handler.ValidateTokenAsync(authorization["Bearer ".Length..].Trim(), validation);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            return IdentityResult.Refuse(ErrorCodes.InvalidJwt, Reason(result.Exception));
        }

        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var claim in ClaimsOf(token))
        {
            claims["jwt.claims." + claim.Key] = claim.Value;
        }

        var roleClaim = settings.Jwt!.RoleClaim;
        string? role = fallbackRole;
        if (claims.TryGetValue("jwt.claims." + roleClaim, out var claimed))
        {
            if (!settings.AllowedRoles.Contains(claimed, StringComparer.Ordinal))
            {
                return IdentityResult.Refuse(ErrorCodes.Forbidden, $"The token's role is not one this project allows.");
            }

            role = claimed;
        }
        else if (keyRole != ApiKeyRole.Service && role is null)
        {
            // A token that names no role, with the public key, is no more than the anon key itself.
            return AnonymousRoleNotSet;
        }

        return IdentityResult.Ok(new GraphQLSession(role, claims));
    }

    private static readonly IdentityResult AnonymousRoleNotSet = IdentityResult.Refuse(ErrorCodes.AnonymousRoleNotSet,
        "This project has no anonymousRole, so its anon key runs nothing without an end-user token naming a role; set anonymousRole in the project's settings.");

    private static IEnumerable<KeyValuePair<string, string>> ClaimsOf(JsonWebToken token)
    {
        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(token.EncodedPayload));
        foreach (var p in payload.RootElement.EnumerateObject())
        {
            // Strings as they are, everything else as its JSON text: what PostGraphile puts in jwt.claims.*.
            yield return new(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
        }
    }

    private static SecurityKey SigningKey(JwtSettings jwt)
    {
        switch (jwt.Algorithm)
        {
            case "HS256":
                return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.Secret ?? throw new InvalidOperationException("HS256 needs jwt.secret")));
            case "RS256":
                var rsa = RSA.Create();
                rsa.ImportFromPem(jwt.PublicKey ?? throw new InvalidOperationException("RS256 needs jwt.publicKey"));
                return new RsaSecurityKey(rsa);
            case "ES256":
                var ec = ECDsa.Create();
                ec.ImportFromPem(jwt.PublicKey ?? throw new InvalidOperationException("ES256 needs jwt.publicKey"));
                return new ECDsaSecurityKey(ec);
            default:
                throw new InvalidOperationException("Unsupported JWT algorithm " + jwt.Algorithm);
        }
    }

    private static string Reason(Exception? e) => e switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNoExpirationException => "The token has no expiry (exp); this project requires one (settings: jwt.allowTokensWithoutExpiry).",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenInvalidAudienceException => "The token is for another audience.",
        SecurityTokenInvalidAlgorithmException => "The token's algorithm is not the one this project uses.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature is not valid.",
        _ => "The token is not valid.",
    };
}
