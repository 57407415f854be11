using Microsoft.AspNetCore.Http.Features;
using Platform.Gateway.Errors;
using Platform.Gateway.Keys;
using Platform.Gateway.Limits;
using Platform.Gateway.Observability;
using Platform.Gateway.WebSockets;
using Platform.Metadata.Keys;

namespace Platform.Gateway.Routing;

/// <summary>
/// The public endpoints. The short forms serve the key's own project; the long forms name a project and refuse a
/// key of another one with 401, the same answer as an unknown key, so keys cannot be used to probe project ids.
/// Checks run cheapest first and before anything reaches a silo: key, role, rate, size, concurrency.
/// </summary>
public static class ProjectRoutes
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string ApiKeyQuery = "api_key";

    public static bool IsPublic(PathString path) =>
        path.StartsWithSegments("/graphql") || path.StartsWithSegments("/sql") || path.StartsWithSegments("/projects");

    public static WebApplication MapProjectRoutes(this WebApplication app)
    {
        app.MapMethods("/graphql", ["GET", "POST"], (HttpContext http, RequestGate gate) => HandleAsync(http, null, "graphql", gate));
        app.MapMethods("/projects/{projectId}/graphql", ["GET", "POST"], (HttpContext http, string projectId, RequestGate gate) => HandleAsync(http, projectId, "graphql", gate));
        app.MapPost("/sql", (HttpContext http, RequestGate gate) => HandleAsync(http, null, "sql", gate));
        app.MapPost("/projects/{projectId}/sql", (HttpContext http, string projectId, RequestGate gate) => HandleAsync(http, projectId, "sql", gate));
        return app;
    }

    private static async Task HandleAsync(HttpContext http, string? projectId, string surface, RequestGate gate)
    {
        if (!gate.Hosts.TryGetProject(http.Request.Host, out var hostProject, out var problem))
        {
            await GatewayErrors.WriteAsync(http, 400, "INVALID_HOST", problem!);
            return;
        }

        if (hostProject is not null)
        {
            if (projectId is not null && !string.Equals(projectId, hostProject, StringComparison.OrdinalIgnoreCase))
            {
                await GatewayErrors.WriteAsync(http, 400, "INVALID_HOST", "The host and the path name different projects.");
                return;
            }

            projectId = hostProject;
        }

        string? presented = http.Request.Headers[ApiKeyHeader];
        if (string.IsNullOrEmpty(presented))
        {
            // Browsers cannot set headers on a WebSocket, so the key may come in the query string.
            presented = http.Request.Query[ApiKeyQuery];
        }

        if (string.IsNullOrEmpty(presented) && surface == "graphql" && KeyInInitSockets.Applies(http.Request))
        {
            // No key in the request at all: a browser's subscription socket, whose key comes in connection_init.
            await gate.InitSockets.RunAsync(http, projectId);
            return;
        }

        var resolved = await gate.Keys.ResolveAsync(presented, http.RequestAborted);
        if (resolved is null || (projectId is not null && !string.Equals(projectId, resolved.ProjectId, StringComparison.OrdinalIgnoreCase)))
        {
            await GatewayErrors.WriteAsync(http, 401, "INVALID_API_KEY", "The API key is missing, unknown, revoked, or not valid for this project.");
            return;
        }

        var key = resolved.Record;
        GatewayRequestState.Of(http)?.Project = resolved.ProjectId;
        if (surface == "sql" && key.Role != ApiKeyRole.Service)
        {
            await GatewayErrors.WriteAsync(http, 403, "FORBIDDEN", "SQL over HTTP needs a service key.");
            return;
        }

        var limits = gate.Limiters.For(key);
        if (!limits.TryTakeToken(out var retryAfter))
        {
            await GatewayErrors.WriteAsync(http, 429, "RATE_LIMITED", "The project is over its request rate; retry later.", ProjectLimiters.RetryAfterSeconds(retryAfter));
            return;
        }

        var maxBody = limits.Limits.MaxBodyBytes;
        if (http.Request.ContentLength > maxBody)
        {
            // Answered before the body is read: the connection cannot carry another request, so say so.
            http.Response.Headers.Connection = "close";
            await GatewayErrors.WriteAsync(http, 413, "BODY_TOO_LARGE", $"The request body is over {maxBody} bytes.");
            return;
        }

        if (WebSocketRequests.IsUpgrade(http.Request))
        {
            await ForwardSocketAsync(http, resolved, limits, surface, gate);
            return;
        }

        // The project's own limit, above or below Kestrel's default, for bodies sent without a Content-Length.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = maxBody;
        }

        if (!limits.TryEnterRequest())
        {
            await GatewayErrors.WriteAsync(http, 429, "CONCURRENCY_LIMIT", "The project has too many requests in flight; retry shortly.", 1);
            return;
        }

        try
        {
            await gate.Forwarder.ForwardAsync(http, resolved, limits.Limits, surface, webSocket: false);
        }
        finally
        {
            limits.ExitRequest();
        }
    }

    private static async Task ForwardSocketAsync(HttpContext http, ResolvedKey key, ProjectLimitState limits, string surface, RequestGate gate)
    {
        using var slot = limits.TryOpenSocket();
        if (slot is null)
        {
            await GatewayErrors.WriteAsync(http, 429, "WEBSOCKET_LIMIT", "The project has too many open WebSockets.", 5);
            return;
        }

        // Tracked for its whole life so a revocation of its key can close it.
        using var tracked = gate.Sockets.Track(key.CacheId, http);
        await gate.Forwarder.ForwardAsync(http, key, limits.Limits, surface, webSocket: true);
    }
}
