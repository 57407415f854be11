namespace Platform.DataPlane.Execution.Jwt;

/// <summary>
/// How the project mints end-user tokens from its JWT type (PostGraphile's <c>jwtPgTypeIdentifier</c> with
/// <c>jwtSecret</c>). Only HS256 can be minted: RS256/ES256 projects configure a public key, never the private one,
/// so a <paramref name="Secret"/> of null makes the schema build fail with a message saying so, as PostGraphile
/// refuses <c>jwtPgTypeIdentifier</c> without <c>jwtSecret</c>. <paramref name="Audience"/> is the project's
/// <c>jwt.audience</c>, so the platform's own verifier accepts what it minted.
/// </summary>
public sealed record JwtMinting(string TokenType, string? Secret, string? Audience = null)
{
    public override string ToString() => $"JwtMinting {{ TokenType = {TokenType}, Audience = {Audience} }}";
}
