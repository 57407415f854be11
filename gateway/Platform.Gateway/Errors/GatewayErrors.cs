using Platform.Errors;
using Platform.Gateway.Observability;
using Platform.ServiceDefaults.Errors;

namespace Platform.Gateway.Errors;

/// <summary>Every error the gateway itself makes, in its one JSON shape (<see cref="GatewayErrorJson"/>), its code kept for metrics.</summary>
internal static class GatewayErrors
{
    /// <param name="http">The request being refused.</param>
    /// <param name="code">A code of <see cref="ErrorCodes"/>; its status comes from the catalog.</param>
    /// <param name="message">For people.</param>
    /// <param name="retryAfterSeconds">Overrides the code's default Retry-After (a rate limiter knows when a token comes back).</param>
    public static Task WriteAsync(HttpContext http, string code, string message, int? retryAfterSeconds = null) =>
        WriteAsync(http, new PlatformError(code, message, retryAfterSeconds));

    public static Task WriteAsync(HttpContext http, PlatformError error)
    {
        GatewayRequestState.Of(http)?.Rejection = error.Code;
        return http.Response.WriteErrorAsync(GatewayErrorJson.Render(error));
    }
}
