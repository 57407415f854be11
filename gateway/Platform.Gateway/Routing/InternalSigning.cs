using System.Globalization;
using System.Net.Http.Headers;
using Platform.ServiceDefaults.InternalAuth;

namespace Platform.Gateway.Routing;

public static class InternalSigning
{
    /// <summary>Replaces whatever X-Platform-* headers the client sent with ones this gateway signs (decision 0005).</summary>
    public static void Apply(HttpRequestHeaders headers, InternalRequestSigner signer, string project, string role, string method, string path)
    {
        foreach (var h in InternalHeaders.All)
        {
            headers.Remove(h);
        }

        foreach (var (name, value) in Signed(signer, project, role, method, path))
        {
            headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>The signed internal headers, for requests not built as HttpRequestMessage (the gateway's own WebSockets to silos).</summary>
    public static (string Name, string Value)[] Signed(InternalRequestSigner signer, string project, string role, string method, string path)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return
        [
            (InternalHeaders.ProjectId, project),
            (InternalHeaders.KeyRole, role),
            (InternalHeaders.Timestamp, ts.ToString(CultureInfo.InvariantCulture)),
            (InternalHeaders.Signature, signer.Sign(project, role, ts, method, path)),
        ];
    }
}
