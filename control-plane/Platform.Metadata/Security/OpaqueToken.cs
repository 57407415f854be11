using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Metadata.Security;

/// <summary>
/// Bearer secrets the platform mints (personal access tokens, invitations): a readable prefix and 256 random bits in
/// base64url. Only the SHA-256 is stored; with 256 random bits a slow hash adds nothing (decision 0004).
/// </summary>
public static class OpaqueToken
{
    public static string Generate(string prefix) => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Enough of the start to tell tokens apart in a listing, never enough to use one.</summary>
    public static string Prefix(string token) => token.Length <= 12 ? token : token[..12];
}
