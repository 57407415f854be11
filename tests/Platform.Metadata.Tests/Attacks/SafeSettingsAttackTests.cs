using Platform.Metadata.Projects;
using Xunit;

namespace Platform.Metadata.Tests.Attacks;

/// <summary>#19, safe defaults: settings that leave a project open to offline attack or cluster escape are refused.</summary>
public sealed class SafeSettingsAttackTests
{
    [Theory]
    [InlineData("short")]
    [InlineData("0123456789012345678901234567890")]
    public void Hs256_secrets_shorter_than_32_bytes_are_refused(string secret)
    {
        var e = Assert.Throws<ArgumentException>(() => new ProjectSettings { Jwt = new JwtSettings { Secret = secret } }.Validate());
        Assert.Contains("jwt.secret must be at least 32 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_32_byte_hs256_secret_is_accepted()
    {
        new ProjectSettings { Jwt = new JwtSettings { Secret = new string('k', 32) } }.Validate();
    }

    [Theory]
    [InlineData(new[] { "CREATEROLE" }, new string[0], false, true)]
    [InlineData(new[] { "CREATEROLE" }, new string[0], true, false)]
    [InlineData(new string[0], new[] { "pg_execute_server_program" }, true, true)]
    [InlineData(new string[0], new string[0], false, false)]
    public void Tenant_logins_are_judged_by_their_reach(string[] attributes, string[] serverRoles, bool ownsServer, bool refused)
    {
        var verdict = TenantLoginPolicy.Judge(attributes, serverRoles, ownsServer);
        Assert.Equal(refused, verdict.Refused);
        Assert.Equal(ownsServer && !refused && attributes.Length > 0, verdict.Warning is not null);
    }

    [Fact]
    public void The_response_cap_is_bounded()
    {
        Assert.Throws<ArgumentException>(() => new ProjectSettings { MaxResponseBytes = 512 * 1024 * 1024 }.Validate());
        new ProjectSettings { MaxResponseBytes = 1024 * 1024 }.Validate();
    }
}
