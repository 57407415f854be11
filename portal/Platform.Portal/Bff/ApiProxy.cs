using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace Platform.Portal.Bff;

/// <summary>
/// Forwards the page's <c>/api/*</c> calls to the control plane with the session's access token, streaming answers
/// through as they come (the deployment log is a server-sent event stream). Requests must carry <c>X-Portal</c>,
/// which a cross-site form cannot send and a cross-site script cannot add without a preflight the portal refuses.
/// </summary>
public static class ApiProxy
{
    public const string MarkerHeader = "X-Portal";

    public static void MapApiProxy(this WebApplication app)
    {
        var target = app.Services.GetRequiredService<IOptions<PortalOptions>>().Value.ControlPlaneUrl.ToString().TrimEnd('/');
        var config = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMinutes(10) };
        app.MapForwarder("/api/{**rest}", target, config, b =>
        {
            b.AddRequestTransform(async ctx =>
            {
                var headers = ctx.ProxyRequest.Headers;
                headers.Remove("Cookie");
                headers.Remove(MarkerHeader);
                var token = await ctx.HttpContext.AccessTokenAsync();
                if (token is not null)
                {
                    headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                }
            });
            // The control plane's CORS headers are for its own origin; the page talks to the portal only.
            b.AddResponseHeaderRemove("Access-Control-Allow-Origin");
            b.AddResponseHeaderRemove("Set-Cookie");
        }).AddEndpointFilter(async (ctx, next) =>
            ctx.HttpContext.Request.Headers.ContainsKey(MarkerHeader)
                ? await next(ctx)
                : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Missing X-Portal header",
                    extensions: new Dictionary<string, object?> { ["code"] = "FORBIDDEN" }));
    }
}
