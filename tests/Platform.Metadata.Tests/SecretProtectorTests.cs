using System.Security.Cryptography;
using System.Text;
using Platform.Metadata.Security;
using Xunit;

namespace Platform.Metadata.Tests;

public sealed class SecretProtectorTests
{
    private readonly SecretProtector protector = SecretProtector.FromBase64(SecretProtector.NewMasterKey());

    [Fact]
    public void Round_trips_and_never_stores_plaintext()
    {
        var id = Guid.NewGuid();
        const string secret = "Host=db;Username=app;Password=hunter2-very-secret";
        var envelope = protector.Protect(secret, id);

        Assert.Equal(secret, protector.Unprotect(envelope, id));
        Assert.DoesNotContain("hunter2", Encoding.UTF8.GetString(envelope), StringComparison.Ordinal);
        Assert.NotEqual(envelope, protector.Protect(secret, id));
    }

    [Fact]
    public void A_ciphertext_moved_to_another_project_does_not_decrypt()
    {
        var envelope = protector.Protect("secret", Guid.NewGuid());
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(envelope, Guid.NewGuid()));
    }

    [Fact]
    public void Tampering_and_a_wrong_master_key_are_detected()
    {
        var id = Guid.NewGuid();
        var envelope = protector.Protect("secret", id);
        envelope[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(envelope, id));

        var other = SecretProtector.FromBase64(SecretProtector.NewMasterKey());
        Assert.ThrowsAny<CryptographicException>(() => other.Unprotect(protector.Protect("secret", id), id));
    }

    [Fact]
    public void Refuses_a_missing_or_short_master_key()
    {
        Assert.Throws<InvalidOperationException>(() => SecretProtector.FromBase64(null));
        Assert.Throws<ArgumentException>(() => SecretProtector.FromBase64(Convert.ToBase64String(new byte[16])));
    }
}
