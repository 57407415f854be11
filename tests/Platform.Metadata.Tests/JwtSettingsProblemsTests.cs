using Platform.Metadata.Projects;
using Xunit;

namespace Platform.Metadata.Tests;

/// <summary>
/// A settings document without the JWT secret keeps the stored one, so it is judged with that secret in mind: an
/// editor sends back what GET gave them (never the secret) and is not told the secret is missing.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class JwtSettingsProblemsTests
{
    private static readonly ProjectSettings Minting = new() { Jwt = new JwtSettings { TokenType = "app.jwt_token" } };

    [Fact]
    public void Minting_without_a_secret_in_the_document_is_accepted_when_one_is_stored()
    {
        Assert.Empty(Minting.Problems(secretStored: true));
    }

    [Fact]
    public void Minting_without_any_secret_is_refused()
    {
        Assert.Contains(Minting.Problems(secretStored: false), p => p.StartsWith("jwt.tokenType", StringComparison.Ordinal));
    }

    [Fact]
    public void A_short_secret_in_the_document_is_judged_even_when_one_is_stored()
    {
        var settings = Minting with { Jwt = Minting.Jwt! with { Secret = "short" } };
        Assert.Contains(settings.Problems(secretStored: true), p => p.StartsWith("jwt.secret", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stored_secret_does_not_make_minting_valid_for_an_asymmetric_algorithm()
    {
        var settings = Minting with { Jwt = Minting.Jwt! with { Algorithm = "RS256" } };
        Assert.Contains(settings.Problems(secretStored: true), p => p.StartsWith("jwt.tokenType", StringComparison.Ordinal));
    }
}
