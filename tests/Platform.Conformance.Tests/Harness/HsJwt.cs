using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Platform.Conformance.Tests.Harness;

/// <summary>An HS256 JWT over the document's claims, valid for an hour unless the claims say otherwise.</summary>
public static class HsJwt
{
    public static string Sign(JsonObject claims, string secret, string? audience)
    {
        var payload = (JsonObject)claims.DeepClone();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        payload["iat"] ??= now;
        payload["exp"] ??= now + 3600;
        if (audience is not null)
        {
            payload["aud"] ??= audience;
        }

        var head = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var body = Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(head + "." + body));
        return head + "." + body + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
