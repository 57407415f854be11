using System.Diagnostics;
using System.Net;
using Platform.ServiceDefaults;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Gateway.Routing;

/// <summary>The one connection pool from this gateway to the silos, shared by forwarding and status lookups.</summary>
internal sealed class SiloHttpClient(IConfiguration configuration) : IDisposable
{
    public HttpMessageInvoker Invoker { get; } = new(new BufferedBodyHandler(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        EnableMultipleHttp2Connections = true,

        // Where traces are exported, the current activity goes to the silo as traceparent so its spans join the
        // gateway's trace. Elsewhere nobody reads it, and the silo would parse it and start an activity under it for
        // every request.
        ActivityHeadersPropagator = ServiceDefaultsExtensions.TracesExported(configuration)
            ? new ReverseProxyPropagator(DistributedContextPropagator.Current)
            : null,
    }));

    public void Dispose() => Invoker.Dispose();
}
