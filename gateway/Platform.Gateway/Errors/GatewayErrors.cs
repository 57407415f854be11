using System.Globalization;
using System.Text.Json;
using Platform.Gateway.Observability;

namespace Platform.Gateway.Errors;

/// <summary>Every error the gateway itself makes has one JSON shape: {"error":{"code","message"}}.</summary>
public static class GatewayErrors
{
    public static Task WriteAsync(HttpContext http, int status, string code, string message, int? retryAfterSeconds = null)
    {
        GatewayRequestState.Of(http)?.Rejection = code;
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        if (retryAfterSeconds is { } r)
        {
            http.Response.Headers.RetryAfter = r.ToString(CultureInfo.InvariantCulture);
        }

        return http.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(new { error = new { code, message } })).AsTask();
    }
}
