using System.Diagnostics;
using System.Net;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Gateway.Routing;

/// <summary>The one connection pool from this gateway to the silos, shared by forwarding and status lookups.</summary>
public sealed class SiloHttpClient : IDisposable
{
    public HttpMessageInvoker Invoker { get; } = new(new BufferedBodyHandler(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        EnableMultipleHttp2Connections = true,
        // Injects the current activity as traceparent so the silo's spans join the gateway's trace.
        ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
    }));

    public void Dispose() => Invoker.Dispose();
}
