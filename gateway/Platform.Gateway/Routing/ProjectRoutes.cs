using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Platform.Gateway.Cors;
using Platform.Gateway.Errors;
using Platform.Gateway.Admission;
using Platform.Gateway.Keys;
using Platform.Gateway.Observability;
using Platform.Gateway.WebSockets;
using Platform.Errors;

namespace Platform.Gateway.Routing;

/// <summary>
/// The public endpoints. The short forms serve the key's own project; the long forms name a project and refuse a
/// key of another one with 401, the same answer as an unknown key, so keys cannot be used to probe project ids.
/// Checks run before anything reaches a silo, in one admission step shared with WebSockets (<see cref="RequestAdmission"/>).
/// </summary>
internal static class ProjectRoutes
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string ApiKeyQuery = "api_key";

    public static bool IsPublic(PathString path) =>
        path.StartsWithSegments("/graphql") || path.StartsWithSegments("/sql") || path.StartsWithSegments("/projects");

    /// <summary>
    /// The public endpoints as one middleware ahead of endpoint routing: they are the gateway's hot path, and matching
    /// four fixed shapes by hand costs less than the route matcher, the authorization middleware and minimal-API
    /// parameter binding that ran for every request before. Anything else goes on to routing (health, metrics).
    /// </summary>
    public static WebApplication UseProjectRoutes(this WebApplication app)
    {
        var gate = app.Services.GetRequiredService<RequestGate>();
        app.Use(next => http =>
        {
            if (!TryMatch(http.Request.Path, out var projectId, out var surface))
            {
                return next(http);
            }

            var method = http.Request.Method;
            if (CorsHeaders.IsPreflight(http.Request))
            {
                return gate.Cors.AnswerPreflightAsync(http, projectId ?? (gate.Hosts.TryGetProject(http.Request.Host, out var host, out _) ? host : null));
            }

            if (HttpMethods.IsPost(method) || (surface == "graphql" && HttpMethods.IsGet(method)))
            {
                return HandleAsync(http, projectId, surface, gate);
            }

            http.Response.Headers.Allow = surface == "graphql" ? "GET, POST" : "POST";
            return GatewayErrors.WriteAsync(http, ErrorCodes.MethodNotAllowed, $"{surface} takes {http.Response.Headers.Allow}.");
        });
        return app;
    }

    /// <summary>/graphql, /sql, /projects/{projectId}/graphql and /projects/{projectId}/sql, case-insensitive, with an optional trailing slash.</summary>
    public static bool TryMatch(PathString path, out string? projectId, out string surface)
    {
        projectId = null;
        surface = "";
        var p = path.Value.AsSpan();
        if (p.EndsWith("/") && p.Length > 1)
        {
            p = p[..^1];
        }

        if (p.StartsWith("/projects/", StringComparison.OrdinalIgnoreCase))
        {
            var rest = p["/projects/".Length..];
            var slash = rest.IndexOf('/');
            if (slash <= 0)
            {
                return false;
            }

            if (!TrySurface(rest[slash..], out surface))
            {
                return false;
            }

            projectId = rest[..slash].ToString();
            return true;
        }

        return TrySurface(p, out surface);
    }

    private static bool TrySurface(ReadOnlySpan<char> p, out string surface)
    {
        surface = p.Equals("/graphql", StringComparison.OrdinalIgnoreCase) ? "graphql"
            : p.Equals("/sql", StringComparison.OrdinalIgnoreCase) ? "sql"
            : "";
        return surface.Length > 0;
    }

    private static async Task HandleAsync(HttpContext http, string? projectId, string surface, RequestGate gate)
    {
        CorsHeaders.ApplyDefault(http);
        if (!gate.Hosts.TryGetProject(http.Request.Host, out var hostProject, out var problem))
        {
            await GatewayErrors.WriteAsync(http, ErrorCodes.InvalidHost, problem!);
            return;
        }

        if (hostProject is not null)
        {
            if (projectId is not null && !string.Equals(projectId, hostProject, StringComparison.OrdinalIgnoreCase))
            {
                await GatewayErrors.WriteAsync(http, ErrorCodes.InvalidHost, "The host and the path name different projects.");
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

        if (string.IsNullOrEmpty(presented) && surface == "sql")
        {
            // Neon's driver sends the connection string with every request; its password is the key.
            presented = ConnectionStringKey.From(http.Request.Headers[ConnectionStringKey.Header]);
        }

        if (string.IsNullOrEmpty(presented) && surface == "graphql" && KeyInInitSockets.Applies(http.Request))
        {
            // No key in the request at all: a browser's subscription socket, whose key comes in connection_init.
            await gate.InitSockets.RunAsync(http, projectId);
            return;
        }

        var request = new AdmissionRequest(
            presented, projectId, surface, WebSocketRequests.IsUpgrade(http.Request),
            http.Request.Headers.Origin is { Count: > 0 } origin ? origin.ToString() : null,
            http.Request.Headers.Authorization.Count > 0, http.Request.ContentLength);
        var result = await gate.Admission.AdmitAsync(request, http.RequestAborted);
        if (result.Key is { } key)
        {
            if (GatewayRequestState.Of(http) is { } state)
            {
                state.Project = key.ProjectId;
                state.KeyId = key.Record.Id;
            }

            // The project's CORS headers from here on, on its refusals too (a refused origin gets none).
            gate.Cors.ApplyProject(http, key.ProjectId, key.Record.Cors);
        }

        if (result.Rejection is { } rejection)
        {
            if (rejection.Code == ErrorCodes.BodyTooLarge)
            {
                // Answered before the body is read: the connection cannot carry another request, so say so.
                http.Response.Headers.Connection = "close";
            }

            await GatewayErrors.WriteAsync(http, rejection);
            return;
        }

        using var admitted = result.Admitted!;
        http.Features.Set(admitted);
        if (admitted.WebSocket)
        {
            // Tracked for its whole life so a revocation of its key can close it.
            using var tracked = gate.Sockets.Track(admitted.Key.CacheId, http);
            await gate.Forwarder.ForwardAsync(http, admitted);
            return;
        }

        // The project's own limit, above or below Kestrel's default, for bodies sent without a Content-Length.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = admitted.Limits.MaxBodyBytes;
        }

        // A body trickled in holds the project's request slot, so one slower than the project's minimum is cut off
        // (408 BODY_TIMEOUT). Per request on HTTP/1.x only; Kestrel sets HTTP/2's per connection.
        if (HttpProtocol.IsHttp11(http.Request.Protocol) || HttpProtocol.IsHttp10(http.Request.Protocol))
        {
            http.Features.Get<IHttpMinRequestBodyDataRateFeature>()?.MinDataRate = admitted.BodyRate;
        }

        await gate.Forwarder.ForwardAsync(http, admitted);
    }
}
