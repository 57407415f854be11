using System.Globalization;
using Platform.ServiceDefaults.InternalAuth;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Bench.ProxyFloor;

/// <summary>YARP's plain header copy plus the silo path and the signed internal headers, and nothing else.</summary>
public sealed class FloorTransformer(InternalRequestSigner signer) : HttpTransformer
{
    public const string PathItem = "floor.path";

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var path = (string)httpContext.Items[PathItem]!;
        var project = httpContext.Request.Headers["X-Bench-Project"].ToString();
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        proxyRequest.RequestUri = new Uri(destinationPrefix + path);
        proxyRequest.Headers.TryAddWithoutValidation(InternalHeaders.ProjectId, project);
        proxyRequest.Headers.TryAddWithoutValidation(InternalHeaders.KeyRole, "anon");
        proxyRequest.Headers.TryAddWithoutValidation(InternalHeaders.Timestamp, ts.ToString(CultureInfo.InvariantCulture));
        proxyRequest.Headers.TryAddWithoutValidation(InternalHeaders.Signature, signer.Sign(project, "anon", ts, "POST", path));
    }
}
