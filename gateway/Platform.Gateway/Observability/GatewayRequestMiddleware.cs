using System.Diagnostics;
using System.Globalization;
using Platform.Gateway.Routing;

namespace Platform.Gateway.Observability;

/// <summary>
/// Around every public request: an X-Request-Id (the client's or a new one) on the request sent upstream and on the
/// response, Server-Timing with the gateway's and the silo's share, and the per-project metrics.
/// </summary>
public sealed class GatewayRequestMiddleware(RequestDelegate next, GatewayTelemetry telemetry)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!ProjectRoutes.IsPublic(http.Request.Path))
        {
            await next(http);
            return;
        }

        var state = new GatewayRequestState(Stopwatch.GetTimestamp());
        http.Features.Set(state);
        var id = RequestIds.AcceptOrCreate(http.Request.Headers[RequestIds.Header]);
        http.Request.Headers[RequestIds.Header] = id;
        http.Response.Headers[RequestIds.Header] = id;
        Activity.Current?.SetTag("http.request_id", id);
        http.Response.OnStarting(() =>
        {
            http.Response.Headers["Server-Timing"] = ServerTiming(state);
            return Task.CompletedTask;
        });

        try
        {
            await next(http);
        }
        finally
        {
            var project = new KeyValuePair<string, object?>("project", state.Project);
            telemetry.Duration.Record(Stopwatch.GetElapsedTime(state.StartedAt).TotalSeconds, project, new("status", http.Response.StatusCode));
            if (state.Rejection is { } reason)
            {
                telemetry.Rejections.Add(1, project, new("reason", reason));
            }
        }
    }

    private static string ServerTiming(GatewayRequestState state)
    {
        var now = Stopwatch.GetTimestamp();
        if (state.ForwardedAt == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"gw;dur={Ms(state.StartedAt, now):F3}");
        }

        // Gateway time is what it spent before handing the request on; upstream is from then to the silo's response headers.
        return string.Create(CultureInfo.InvariantCulture, $"gw;dur={Ms(state.StartedAt, state.ForwardedAt):F3}, upstream;dur={Ms(state.ForwardedAt, now):F3}");
    }

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
