using System.Globalization;
using System.Net.Http.Headers;
using Platform.Metadata.Keys;
using Platform.ServiceDefaults.InternalAuth;

namespace Platform.Gateway.Routing;

/// <summary>The signed internal headers (decision 0005); the key role becomes text only here, on the wire.</summary>
internal static class InternalSigning
{
    /// <summary>Replaces whatever X-Platform-* headers the client sent with ones this gateway signs (decision 0005).</summary>
    public static void Apply(HttpRequestHeaders headers, InternalRequestSigner signer, string project, ApiKeyRole role, string method, string path)
    {
        var (timestamp, signature) = Sign(signer, project, role, method, path);
        Replace(headers, project, role, timestamp, signature);
    }

    /// <summary>As <see cref="Apply(HttpRequestHeaders, InternalRequestSigner, string, ApiKeyRole, string, string)"/> with the target's signature for this second.</summary>
    public static void Apply(HttpRequestHeaders headers, InternalRequestSigner signer, SignedTarget target)
    {
        var stamp = target.SignedAt(signer, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Replace(headers, target.Project, target.Role, stamp.Timestamp, stamp.Signature);
    }

    /// <summary>The signed internal headers, for requests not built as HttpRequestMessage (the gateway's own WebSockets to silos).</summary>
    public static (string Name, string Value)[] Signed(InternalRequestSigner signer, string project, ApiKeyRole role, string method, string path)
    {
        var (timestamp, signature) = Sign(signer, project, role, method, path);
        return
        [
            (InternalHeaders.ProjectId, project),
            (InternalHeaders.KeyRole, role.ToWire()),
            (InternalHeaders.Timestamp, timestamp),
            (InternalHeaders.Signature, signature),
        ];
    }

    private static void Replace(HttpRequestHeaders headers, string project, ApiKeyRole role, string timestamp, string signature)
    {
        foreach (var h in InternalHeaders.All)
        {
            headers.Remove(h);
        }

        headers.TryAddWithoutValidation(InternalHeaders.ProjectId, project);
        headers.TryAddWithoutValidation(InternalHeaders.KeyRole, role.ToWire());
        headers.TryAddWithoutValidation(InternalHeaders.Timestamp, timestamp);
        headers.TryAddWithoutValidation(InternalHeaders.Signature, signature);
    }

    private static (string Timestamp, string Signature) Sign(InternalRequestSigner signer, string project, ApiKeyRole role, string method, string path)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return (ts.ToString(CultureInfo.InvariantCulture), signer.Sign(project, role.ToWire(), ts, method, path));
    }
}
