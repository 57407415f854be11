using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Platform.DataPlane.Execution.Jwt;

/// <summary>
/// Signs a JWT type's claims object with HS256 the way PostGraphile v4's JwtToken scalar does: every attribute is a
/// claim (nulls included), <c>exp</c> becomes a number, <c>iat</c> is now, and when the row does not say otherwise
/// <c>aud</c> is the project's audience (else <c>postgraphile</c>), <c>iss</c> is <c>postgraphile</c> and the token
/// expires after one day. A row whose attributes are all null is no token (null).
/// </summary>
internal sealed class JwtTokenSigner(byte[] secret, string? audience, TimeProvider? time = null)
{
    private static readonly byte[] Header = Encode("""{"alg":"HS256","typ":"JWT"}"""u8);
    private const string DefaultAudienceAndIssuer = "postgraphile";
    private const long DefaultLifetimeSeconds = 24 * 60 * 60;

    private readonly TimeProvider clock = time ?? TimeProvider.System;

    /// <summary>The token for one claims object; null for JSON null or an all-null row.</summary>
    public string? Sign(JsonElement claims)
    {
        if (claims.ValueKind != JsonValueKind.Object || claims.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.Null))
        {
            return null;
        }

        var payload = Payload(claims);
        var signingInput = new byte[Header.Length + 1 + payload.Length];
        Header.CopyTo(signingInput, 0);
        signingInput[Header.Length] = (byte)'.';
        payload.CopyTo(signingInput, Header.Length + 1);
        var signature = HMACSHA256.HashData(secret, signingInput);
        return Encoding.ASCII.GetString(signingInput) + "." + Encoding.ASCII.GetString(Encode(signature));
    }

    private byte[] Payload(JsonElement claims)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            double? exp = null;
            long? iat = null;
            bool hasAud = false, hasIss = false;
            foreach (var claim in claims.EnumerateObject())
            {
                switch (claim.Name)
                {
                    case "exp":
                        // v4 parses exp as a number and drops it when falsy, so a null or 0 exp means the one-day default.
                        exp = Number(claim.Value) is { } e && e != 0 ? e : null;
                        continue;
                    case "iat" when Number(claim.Value) is { } i && i != 0:
                        iat = (long)i;
                        continue;
                    case "iat":
                        continue;
                    case "aud" or "iss" when claim.Value.ValueKind == JsonValueKind.Null:
                        // A null aud/iss attribute is replaced by the default (v4's signer would refuse the token instead).
                        continue;
                    case "aud":
                        hasAud = true;
                        break;
                    case "iss":
                        hasIss = true;
                        break;
                }

                claim.WriteTo(w);
            }

            var issuedAt = iat ?? now;
            w.WriteNumber("iat", issuedAt);
            WriteNumber(w, "exp", exp ?? issuedAt + DefaultLifetimeSeconds);
            if (!hasAud)
            {
                w.WriteString("aud", audience ?? DefaultAudienceAndIssuer);
            }

            if (!hasIss)
            {
                w.WriteString("iss", DefaultAudienceAndIssuer);
            }

            w.WriteEndObject();
        }

        return Encode(buffer.WrittenSpan);
    }

    private static double? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static void WriteNumber(Utf8JsonWriter w, string name, double value)
    {
        // Whole seconds are written as integers (1700000000, not 1.7E+09), which every JWT library reads.
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            w.WriteNumber(name, (long)value);
        }
        else
        {
            w.WriteNumber(name, value);
        }
    }

    private static byte[] Encode(ReadOnlySpan<byte> data)
    {
        var output = new byte[Base64Url.GetEncodedLength(data.Length)];
        Base64Url.EncodeToUtf8(data, output);
        return output;
    }
}
