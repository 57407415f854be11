using System.Diagnostics;
using System.Globalization;
using Platform.Gateway.Routing;
using Platform.Metadata.Keys;
using Platform.Metadata.Usage;

namespace Platform.Gateway.Observability;

/// <summary>
/// Around every public request: an X-Request-Id (the client's or a new one) on the request sent upstream and on the
/// response, Server-Timing with the gateway's and the silo's share, and the per-project metrics.
/// </summary>
internal sealed class GatewayRequestMiddleware(RequestDelegate next, GatewayTelemetry telemetry, UsageRecorder usage, KeyUseRecorder keyUse)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!ProjectRoutes.IsPublic(http.Request.Path))
        {
            await next(http);
            return;
        }

        KeyRedaction.RedactSpan(http.Request);
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
            var elapsed = Stopwatch.GetElapsedTime(state.StartedAt);
            var project = new KeyValuePair<string, object?>("project", state.Project);
            telemetry.Duration.Record(elapsed.TotalSeconds, project, new("status", http.Response.StatusCode));
            if (state.Rejection is { } reason)
            {
                telemetry.Rejections.Add(1, project, new("reason", reason));
            }

            // Usage is counted here, where every request of a known project passes once; the silo adds only the
            // codes of the errors it answered. A WebSocket's duration is its whole life, no latency.
            if (Guid.TryParse(state.Project, out var projectId))
            {
                var socket = http.WebSockets.IsWebSocketRequest;
                usage.Request(projectId, socket ? "websocket" : Surface(http.Request.Path), http.Response.StatusCode, state.Rejection,
                    socket ? null : elapsed.TotalMilliseconds);
            }

            if (state.KeyId is { } keyId)
            {
                keyUse.Used(keyId);
            }
        }
    }

    private static string Surface(PathString path) =>
        path.Value is { } p && p.TrimEnd('/').EndsWith("/sql", StringComparison.OrdinalIgnoreCase) ? "sql" : "graphql";

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
