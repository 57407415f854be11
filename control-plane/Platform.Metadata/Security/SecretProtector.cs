using System.Security.Cryptography;
using System.Text;

namespace Platform.Metadata.Security;

/// <summary>
/// Encrypts tenant secrets (connection strings, JWT secrets) at rest with AES-256-GCM under the platform master key.
/// Envelope: version byte (1) | 12-byte nonce | 16-byte tag | ciphertext. The project id is bound as associated data,
/// so a ciphertext copied onto another project's row does not decrypt.
/// </summary>
public sealed class SecretProtector
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] key;

    public SecretProtector(byte[] masterKey)
    {
        if (masterKey.Length != 32)
        {
            throw new ArgumentException("The master key must be 32 bytes (base64 of 32 random bytes).", nameof(masterKey));
        }

        key = masterKey;
    }

    public static SecretProtector FromBase64(string? masterKeyBase64)
    {
        if (string.IsNullOrWhiteSpace(masterKeyBase64))
        {
            throw new InvalidOperationException("Platform:MasterKey is not configured (base64 of 32 random bytes).");
        }

        return new SecretProtector(Convert.FromBase64String(masterKeyBase64));
    }

    public static string NewMasterKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public byte[] Protect(string plaintext, Guid projectId)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var envelope = new byte[1 + NonceSize + TagSize + data.Length];
        envelope[0] = Version;
        var nonce = envelope.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, data, envelope.AsSpan(1 + NonceSize + TagSize), envelope.AsSpan(1 + NonceSize, TagSize), projectId.ToByteArray());
        return envelope;
    }

    public string Unprotect(byte[] envelope, Guid projectId)
    {
        if (envelope.Length < 1 + NonceSize + TagSize || envelope[0] != Version)
        {
            throw new CryptographicException("Unknown secret envelope format.");
        }

        var plaintext = new byte[envelope.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(envelope.AsSpan(1, NonceSize), envelope.AsSpan(1 + NonceSize + TagSize), envelope.AsSpan(1 + NonceSize, TagSize), plaintext, projectId.ToByteArray());
        return Encoding.UTF8.GetString(plaintext);
    }
}
