using System.Collections.Concurrent;
using Microsoft.Extensions.Primitives;
using Platform.Errors;
using Platform.Gateway.Errors;
using Platform.Metadata.Projects;

namespace Platform.Gateway.Cors;

/// <summary>
/// CORS for the public endpoints, as PostGraphile's <c>--cors</c> by default: any origin, no credentials (the key
/// and the end-user token travel in headers, never cookies). A project may name its origins (settings
/// <c>cors.allowedOrigins</c>); then only those get the Access-Control headers, and a request from another origin is
/// refused before it reaches a silo, so a simple request (no preflight) cannot change anything either.
/// Preflights carry no key: they are answered from the project's policy when the gateway has seen it (a key of
/// the project resolved here, or the project named in the path or host), else with the default; the actual request
/// is where a restricted project's origins are enforced.
/// </summary>
internal sealed class CorsHeaders
{
    /// <summary>The platform's own response headers a browser script may read.</summary>
    public const string ExposedHeaders = "X-Request-Id, Server-Timing, Retry-After, Content-Length";

    private const string AllowedMethods = "GET, POST, OPTIONS";
    private const string MaxAgeSeconds = "600";

    private readonly ConcurrentDictionary<string, ProjectCorsSettings?> seen = new(StringComparer.OrdinalIgnoreCase);

    public static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method) && request.Headers.Origin.Count > 0 && request.Headers.AccessControlRequestMethod.Count > 0;

    /// <summary>Answers a preflight: 204 with the allowed methods and the requested headers, or 403 for an origin the project refuses.</summary>
    public Task AnswerPreflightAsync(HttpContext http, string? projectId)
    {
        var origin = http.Request.Headers.Origin.ToString();
        var policy = projectId is not null && seen.TryGetValue(projectId, out var known) ? known : null;
        if (!Allow(http.Response, origin, policy))
        {
            return GatewayErrors.WriteAsync(http, ErrorCodes.OriginNotAllowed, "This origin may not call the project.");
        }

        var h = http.Response.Headers;
        h.AccessControlAllowMethods = AllowedMethods;
        // Any header the browser asks for: the gateway authenticates by key, never by ambient credentials.
        if (http.Request.Headers.AccessControlRequestHeaders is { Count: > 0 } requested)
        {
            h.AccessControlAllowHeaders = requested;
        }

        h.AccessControlMaxAge = MaxAgeSeconds;
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Before the key is known: the default answer, so a browser can read the gateway's own refusals (401, 429...).
    /// </summary>
    public static void ApplyDefault(HttpContext http)
    {
        if (http.Request.Headers.Origin is { Count: > 0 } origin)
        {
            Allow(http.Response, origin.ToString(), null);
        }
    }

    /// <summary>Once the project is known; false when its policy refuses the request's origin (answer 403).</summary>
    public bool ApplyProject(HttpContext http, string projectId, ProjectCorsSettings? policy)
    {
        seen[projectId] = policy;
        if (http.Request.Headers.Origin is not { Count: > 0 } origin || policy is null || policy.AllowsAnyOrigin)
        {
            return true;
        }

        var h = http.Response.Headers;
        h.Remove(Microsoft.Net.Http.Headers.HeaderNames.AccessControlAllowOrigin);
        h.Remove(Microsoft.Net.Http.Headers.HeaderNames.AccessControlExposeHeaders);
        return Allow(http.Response, origin.ToString(), policy);
    }

    private static bool Allow(HttpResponse response, string origin, ProjectCorsSettings? policy)
    {
        var h = response.Headers;
        if (policy is null || policy.AllowsAnyOrigin)
        {
            h.AccessControlAllowOrigin = "*";
        }
        else if (policy.Allows(origin))
        {
            h.AccessControlAllowOrigin = origin;
            h.Vary = StringValues.Concat(h.Vary, "Origin");
        }
        else
        {
            return false;
        }

        h.AccessControlExposeHeaders = ExposedHeaders;
        return true;
    }
}
