using System.Security.Cryptography;
using System.Text;

namespace Platform.Metadata.Keys;

/// <summary>
/// API key material. A key is "pk_" + role letter + "_" + 43 base64url characters (256 random bits);
/// only its SHA-256 is stored. The prefix lets users and logs tell keys apart without revealing them.
/// </summary>
public static class ApiKeySecret
{
    public const int MaxLength = 128;

    public static string Generate(ApiKeyRole role)
    {
        var random = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (role == ApiKeyRole.Service ? "pk_s_" : "pk_a_") + random;
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static byte[] Hash(ReadOnlySpan<char> key)
    {
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(key.Length, MaxLength))];
        var n = Encoding.UTF8.GetBytes(key[..Math.Min(key.Length, MaxLength)], utf8);
        return SHA256.HashData(utf8[..n]);
    }

    public static string Prefix(string key) => key.Length <= 10 ? key : key[..10];

    /// <summary>Cheap shape check so garbage never reaches the database.</summary>
    public static bool LooksValid(ReadOnlySpan<char> key)
    {
        if (key.Length is < 20 or > MaxLength)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
