using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.ServiceDefaults.InternalAuth;

/// <summary>
/// HMAC-SHA256 over (project, role, timestamp, method, path) with a secret shared by gateways and silos.
/// The timestamp bounds replay of a captured header set to a short window.
/// </summary>
public sealed class InternalRequestSigner
{
    public static readonly TimeSpan MaxSkew = TimeSpan.FromSeconds(60);
    private readonly byte[] secret;

    public InternalRequestSigner(string secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < 16)
        {
            throw new InvalidOperationException("Platform:InternalSecret must be configured (at least 16 characters).");
        }

        this.secret = Encoding.UTF8.GetBytes(secret);
    }

    public string Sign(string projectId, string role, long unixSeconds, string method, string path)
    {
        var mac = HMACSHA256.HashData(secret, Payload(projectId, role, unixSeconds, method, path));
        return Convert.ToHexString(mac);
    }

    public bool Verify(string? projectId, string? role, string? timestamp, string? signature, string method, string path, DateTimeOffset now)
    {
        if (projectId is null || role is null || timestamp is null || signature is null
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ts))
        {
            return false;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - ts) > MaxSkew.TotalSeconds)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(secret, Payload(projectId, role, ts, method, path));
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private static byte[] Payload(string projectId, string role, long ts, string method, string path) =>
        Encoding.UTF8.GetBytes(string.Join('\n', projectId, role, ts.ToString(CultureInfo.InvariantCulture), method.ToUpperInvariant(), path));
}
