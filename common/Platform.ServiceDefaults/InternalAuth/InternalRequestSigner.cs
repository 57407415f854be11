using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.ServiceDefaults.InternalAuth;

/// <summary>
/// HMAC-SHA256, with a secret shared by gateways, silos and the control plane, over everything a silo acts on: project,
/// key role, timestamp, method, path, query string, the forwarded <c>Authorization</c> header and a SHA-256 of the body
/// (decision 0087). A captured request cannot be replayed with another body, query or end-user token, and not at all
/// once its timestamp is older than <see cref="Window"/>.
/// </summary>
public sealed class InternalRequestSigner
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(5);

    /// <summary>Names the payload's layout, so a signature of another layout can never match this one.</summary>
    private static readonly byte[] Prefix = "platform-internal-v2\n"u8.ToArray();

    private const int StackPayload = 1024;
    private const int HashBytes = 32;

    private readonly byte[] secret;
    private readonly long windowMilliseconds;

    public InternalRequestSigner(string secret)
        : this(secret, DefaultWindow)
    {
    }

    public InternalRequestSigner(string secret, TimeSpan window)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < InternalSigningOptions.MinSecretLength)
        {
            throw new InvalidOperationException($"Platform:InternalSecret must be configured (at least {InternalSigningOptions.MinSecretLength} characters).");
        }

        this.secret = Encoding.UTF8.GetBytes(secret);
        Window = window;
        windowMilliseconds = (long)window.TotalMilliseconds;
    }

    /// <summary>How far a signature's timestamp may be from the silo's clock, either way.</summary>
    public TimeSpan Window { get; }

    /// <summary>The timestamp header's value for <paramref name="now"/>: Unix milliseconds.</summary>
    public static string Timestamp(DateTimeOffset now) => now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The signature header's value. <paramref name="query"/> is the query string as sent, with its '?', or empty.</summary>
    public string Sign(string projectId, string role, string timestamp, string method, string path, string query, string authorization, ReadOnlySpan<byte> body)
    {
        Span<byte> mac = stackalloc byte[HashBytes];
        Mac(projectId, role, timestamp, method, path, query, authorization, body, mac);
        return Convert.ToHexString(mac);
    }

    /// <summary>The four internal headers for a request signed at <paramref name="now"/> (requests built in code: reloads, tests, benches).</summary>
    public (string Name, string Value)[] Headers(
        string projectId, string role, string method, string path, string query, string authorization, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var timestamp = Timestamp(now);
        return
        [
            (InternalHeaders.ProjectId, projectId),
            (InternalHeaders.KeyRole, role),
            (InternalHeaders.Timestamp, timestamp),
            (InternalHeaders.Signature, Sign(projectId, role, timestamp, method, path, query, authorization, body)),
        ];
    }

    /// <summary>
    /// Whether the timestamp is present and inside the window: the check a silo makes before it reads a body, so a
    /// stale request is told apart (<see cref="InternalSignatureStatus.Expired"/>) and costs no more than its headers.
    /// </summary>
    public InternalSignatureStatus CheckTimestamp(string? timestamp, DateTimeOffset now)
    {
        if (timestamp is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return InternalSignatureStatus.Invalid;
        }

        return Math.Abs(now.ToUnixTimeMilliseconds() - ms) > windowMilliseconds ? InternalSignatureStatus.Expired : InternalSignatureStatus.Valid;
    }

    /// <summary>Checks the signed headers against the request as received; <paramref name="now"/> is when it arrived.</summary>
    public InternalSignatureStatus Verify(
        string? projectId, string? role, string? timestamp, string? signature,
        string method, string path, string query, string authorization, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (projectId is null || role is null || signature is null || signature.Length != HashBytes * 2)
        {
            return InternalSignatureStatus.Invalid;
        }

        var fresh = CheckTimestamp(timestamp, now);
        if (fresh != InternalSignatureStatus.Valid)
        {
            return fresh;
        }

        Span<byte> given = stackalloc byte[HashBytes];
        if (Convert.FromHexString(signature, given, out _, out var written) != OperationStatus.Done || written != HashBytes)
        {
            return InternalSignatureStatus.Invalid;
        }

        Span<byte> expected = stackalloc byte[HashBytes];
        Mac(projectId, role, timestamp!, method, path, query, authorization, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? InternalSignatureStatus.Valid : InternalSignatureStatus.Invalid;
    }

    /// <summary>
    /// One SHA-256 over the body, read where it lies, and one HMAC over the fields and that hash. The fields are
    /// separated by newlines, which none of them can hold (header values, an internal path, an escaped query).
    /// </summary>
    private void Mac(string projectId, string role, string timestamp, string method, string path, string query, string authorization, ReadOnlySpan<byte> body, Span<byte> mac)
    {
        var utf8 = Encoding.UTF8;
        var length = Prefix.Length + utf8.GetByteCount(projectId) + utf8.GetByteCount(role) + utf8.GetByteCount(timestamp)
            + utf8.GetByteCount(method) + utf8.GetByteCount(path) + utf8.GetByteCount(query) + utf8.GetByteCount(authorization)
            + 7 + HashBytes;
        byte[]? rented = null;
        var payload = length <= StackPayload ? stackalloc byte[StackPayload] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var at = 0;
            Prefix.CopyTo(payload);
            at += Prefix.Length;
            Append(projectId, payload, ref at);
            Append(role, payload, ref at);
            Append(timestamp, payload, ref at);
            at += Ascii.ToUpper(method, payload[at..], out var m) == OperationStatus.Done ? m : utf8.GetBytes(method, payload[at..]);
            payload[at++] = (byte)'\n';
            Append(path, payload, ref at);
            Append(query, payload, ref at);
            Append(authorization, payload, ref at);
            var hashes = Hashes.For(secret);
            hashes.Body.AppendData(body);
            hashes.Body.GetHashAndReset(payload.Slice(at, HashBytes));
            at += HashBytes;
            hashes.Mac.AppendData(payload[..at]);
            hashes.Mac.GetHashAndReset(mac);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void Append(string value, Span<byte> payload, ref int at)
    {
        at += Encoding.UTF8.GetBytes(value, payload[at..]);
        payload[at++] = (byte)'\n';
    }

    /// <summary>
    /// One HMAC and one SHA-256 context per thread, kept across requests: the one-shot APIs set up OpenSSL's contexts
    /// (and the HMAC key) on every call, which was most of a small request's signing cost (about 4 µs of 4.5).
    /// </summary>
    private sealed class Hashes(byte[] secret)
    {
        [ThreadStatic]
        private static Hashes? current;

        public byte[] Secret { get; } = secret;

        public IncrementalHash Mac { get; } = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);

        public IncrementalHash Body { get; } = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public static Hashes For(byte[] secret)
        {
            var h = current;
            if (h is null || !ReferenceEquals(h.Secret, secret))
            {
                // A thread signing for two signers (tests, a rotated secret) just builds its contexts again.
                current = h = new Hashes(secret);
            }

            return h;
        }
    }
}
