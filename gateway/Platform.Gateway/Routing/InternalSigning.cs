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

        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        headers.TryAddWithoutValidation(InternalHeaders.ProjectId, project);
        headers.TryAddWithoutValidation(InternalHeaders.KeyRole, role);
        headers.TryAddWithoutValidation(InternalHeaders.Timestamp, ts.ToString(CultureInfo.InvariantCulture));
        headers.TryAddWithoutValidation(InternalHeaders.Signature, signer.Sign(project, role, ts, method, path));
    }
}
