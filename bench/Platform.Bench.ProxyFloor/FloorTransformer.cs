using Platform.ServiceDefaults.InternalAuth;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Bench.ProxyFloor;

/// <summary>YARP's plain header copy plus the silo path and the signed internal headers, and nothing else.</summary>
public sealed class FloorTransformer(InternalRequestSigner signer) : HttpTransformer
{
    public const string PathItem = "floor.path";
    public const string BodyItem = "floor.body";

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var path = (string)httpContext.Items[PathItem]!;
        var project = httpContext.Request.Headers["X-Bench-Project"].ToString();
        proxyRequest.RequestUri = new Uri(destinationPrefix + path);

        // The signature covers the body (decision 0087), so the floor reads it first as the gateway does.
        var body = (byte[])httpContext.Items[BodyItem]!;
        foreach (var (name, value) in signer.Headers(project, "anon", "POST", path, "", httpContext.Request.Headers.Authorization.ToString(), body, DateTimeOffset.UtcNow))
        {
            proxyRequest.Headers.TryAddWithoutValidation(name, value);
        }
    }
}
