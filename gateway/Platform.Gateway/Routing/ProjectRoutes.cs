using Platform.Gateway.Errors;
using Platform.Gateway.Keys;
using Platform.Metadata.Keys;

namespace Platform.Gateway.Routing;

/// <summary>
/// The public endpoints. The short forms serve the key's own project; the long forms name a project and refuse a
/// key of another one with 401, the same answer as an unknown key, so keys cannot be used to probe project ids.
/// </summary>
public static class ProjectRoutes
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string ApiKeyQuery = "api_key";

    public static WebApplication MapProjectRoutes(this WebApplication app)
    {
        app.MapMethods("/graphql", ["GET", "POST"], (HttpContext http, ApiKeyCache keys, ProjectForwarder forwarder) =>
            HandleAsync(http, null, "graphql", keys, forwarder));
        app.MapMethods("/projects/{projectId}/graphql", ["GET", "POST"], (HttpContext http, string projectId, ApiKeyCache keys, ProjectForwarder forwarder) =>
            HandleAsync(http, projectId, "graphql", keys, forwarder));
        app.MapPost("/sql", (HttpContext http, ApiKeyCache keys, ProjectForwarder forwarder) =>
            HandleAsync(http, null, "sql", keys, forwarder));
        app.MapPost("/projects/{projectId}/sql", (HttpContext http, string projectId, ApiKeyCache keys, ProjectForwarder forwarder) =>
            HandleAsync(http, projectId, "sql", keys, forwarder));
        return app;
    }

    private static async Task HandleAsync(HttpContext http, string? projectId, string surface, ApiKeyCache keys, ProjectForwarder forwarder)
    {
        string? presented = http.Request.Headers[ApiKeyHeader];
        if (string.IsNullOrEmpty(presented))
        {
            presented = http.Request.Query[ApiKeyQuery];
        }

        var key = await keys.ResolveAsync(presented, http.RequestAborted);
        if (key is null || (projectId is not null && !string.Equals(projectId, key.ProjectId.ToString(), StringComparison.OrdinalIgnoreCase)))
        {
            await GatewayErrors.WriteAsync(http, 401, "INVALID_API_KEY", "The API key is missing, unknown, revoked, or not valid for this project.");
            return;
        }

        if (surface == "sql" && key.Role != ApiKeyRole.Service)
        {
            await GatewayErrors.WriteAsync(http, 403, "FORBIDDEN", "SQL over HTTP needs a service key.");
            return;
        }

        if (http.Request.ContentLength > GatewayLimits.MaxBodyBytes)
        {
            await GatewayErrors.WriteAsync(http, 413, "BODY_TOO_LARGE", "The request body is over 1 MiB.");
            return;
        }

        await forwarder.ForwardAsync(http, key, surface);
    }
}
