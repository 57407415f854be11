using System.Net.Http.Headers;
using Platform.Metadata.Keys;
using Platform.ServiceDefaults.InternalAuth;

namespace Platform.Gateway.Routing;

/// <summary>The signed internal headers (decisions 0005, 0087); the key role becomes text only here, on the wire.</summary>
internal static class InternalSigning
{
    /// <summary>
    /// Replaces whatever X-Platform-* headers the client sent with ones this gateway signs for exactly this request:
    /// <paramref name="query"/> as sent (with its '?', or empty), the <c>Authorization</c> header forwarded, the whole body.
    /// </summary>
    public static void Apply(
        HttpRequestHeaders headers, InternalRequestSigner signer, string project, ApiKeyRole role, string method, string path,
        string query, string authorization, ReadOnlySpan<byte> body)
    {
        var (timestamp, signature) = Sign(signer, project, role, method, path, query, authorization, body);
        foreach (var h in InternalHeaders.All)
        {
            headers.Remove(h);
        }

        headers.TryAddWithoutValidation(InternalHeaders.ProjectId, project);
        headers.TryAddWithoutValidation(InternalHeaders.KeyRole, role.ToWire());
        headers.TryAddWithoutValidation(InternalHeaders.Timestamp, timestamp);
        headers.TryAddWithoutValidation(InternalHeaders.Signature, signature);
    }

    /// <summary>The signed internal headers of a bodiless GET, for requests not built as HttpRequestMessage (the gateway's own WebSockets to silos).</summary>
    public static (string Name, string Value)[] Signed(InternalRequestSigner signer, string project, ApiKeyRole role, string path, string query) =>
        signer.Headers(project, role.ToWire(), "GET", path, query, "", [], DateTimeOffset.UtcNow);

    private static (string Timestamp, string Signature) Sign(
        InternalRequestSigner signer, string project, ApiKeyRole role, string method, string path, string query, string authorization, ReadOnlySpan<byte> body)
    {
        var timestamp = InternalRequestSigner.Timestamp(DateTimeOffset.UtcNow);
        return (timestamp, signer.Sign(project, role.ToWire(), timestamp, method, path, query, authorization, body));
    }
}
