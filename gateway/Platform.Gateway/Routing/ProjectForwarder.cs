using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Platform.Gateway.Errors;
using Platform.Metadata.Keys;
using Platform.ServiceDefaults.InternalAuth;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Platform.Gateway.Routing;

/// <summary>
/// Sends an authorised request to a silo with YARP's forwarder. The silo is told the project and key role in
/// signed internal headers; the API key itself never leaves the gateway. A silo that cannot be connected to is
/// skipped and the next one tried, which is safe because such a request never reached a silo.
/// </summary>
public sealed class ProjectForwarder : IDisposable
{
    private const string KeyItem = "platform.key";
    private const string PathItem = "platform.path";

    private readonly IHttpForwarder forwarder;
    private readonly SiloDirectory silos;
    private readonly InternalRequestSigner signer;
    private readonly HttpTransformer transformer;
    private readonly HttpMessageInvoker client;

    public ProjectForwarder(IHttpForwarder forwarder, SiloDirectory silos, InternalRequestSigner signer, ITransformBuilder transforms)
    {
        this.forwarder = forwarder;
        this.silos = silos;
        this.signer = signer;
        transformer = transforms.Create(ctx =>
        {
            ctx.AddRequestTransform(Sign);
            ctx.RequestTransforms.Add(new RequestHeaderRemoveTransform(ProjectRoutes.ApiKeyHeader));
        });
        client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
        });
    }

    public async Task ForwardAsync(HttpContext http, ApiKeyRecord key, string surface)
    {
        http.Items[KeyItem] = key;
        http.Items[PathItem] = $"/internal/projects/{key.ProjectId}/{surface}";
        // Buffered so a request can be replayed to another silo when the first refuses the connection.
        http.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: GatewayLimits.MaxBodyBytes);

        foreach (var silo in silos.Candidates())
        {
            http.Request.Body.Position = 0;
            var error = await forwarder.SendAsync(http, silo.HttpUrl, client, ForwarderRequestConfig.Empty, transformer);
            if (error == ForwarderError.None)
            {
                return;
            }

            if (error is ForwarderError.Request && !http.Response.HasStarted && IsConnectFailure(http))
            {
                silos.ReportUnreachable(silo);
                http.Response.Clear();
                continue;
            }

            // The silo failed after the request may have reached it (it died mid-request, say): not safe to replay,
            // so the client hears it, in the gateway's error shape, and decides whether to retry.
            if (!http.Response.HasStarted)
            {
                http.Response.Clear();
                await GatewayErrors.WriteAsync(http, 502, "UPSTREAM_FAILED", "The data plane failed while handling the request; it was not retried.", 1);
            }

            return;
        }

        if (!http.Response.HasStarted)
        {
            await GatewayErrors.WriteAsync(http, 503, "NO_SILO_AVAILABLE", "No data-plane silo is reachable.", 1);
        }
    }

    public void Dispose() => client.Dispose();

    private static bool IsConnectFailure(HttpContext http)
    {
        var e = http.Features.Get<IForwarderErrorFeature>()?.Exception;
        while (e is not null)
        {
            if (e is System.Net.Sockets.SocketException)
            {
                return true;
            }

            e = e.InnerException;
        }

        return false;
    }

    private ValueTask Sign(RequestTransformContext ctx)
    {
        var key = (ApiKeyRecord)ctx.HttpContext.Items[KeyItem]!;
        var path = (string)ctx.HttpContext.Items[PathItem]!;
        var query = QueryHelpers.ParseQuery(ctx.HttpContext.Request.QueryString.Value);
        query.Remove(ProjectRoutes.ApiKeyQuery);
        var qs = QueryString.Create(query.SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v))));
        ctx.ProxyRequest.RequestUri = new Uri(ctx.DestinationPrefix.TrimEnd('/') + path + qs.ToUriComponent());

        var headers = ctx.ProxyRequest.Headers;
        foreach (var h in InternalHeaders.All)
        {
            headers.Remove(h);
        }

        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var role = key.Role.ToWire();
        var project = key.ProjectId.ToString();
        headers.TryAddWithoutValidation(InternalHeaders.ProjectId, project);
        headers.TryAddWithoutValidation(InternalHeaders.KeyRole, role);
        headers.TryAddWithoutValidation(InternalHeaders.Timestamp, ts.ToString(CultureInfo.InvariantCulture));
        headers.TryAddWithoutValidation(InternalHeaders.Signature, signer.Sign(project, role, ts, ctx.HttpContext.Request.Method, path));
        return ValueTask.CompletedTask;
    }
}
