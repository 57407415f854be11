using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Platform.Errors;

namespace Platform.ControlPlane.Api;

/// <summary>
/// The one place the control plane writes errors: application/problem+json (RFC 9457) with a stable "code", a
/// "traceId", and per-field "errors" where a field was invalid. Everything unexpected becomes 500 INTERNAL_ERROR
/// without internals; the log has the exception under the same trace id.
/// </summary>
public static class ProblemWriter
{
    public static async Task WriteAsync(HttpContext http, int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var traceId = Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
        if (status == 401)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
        }

        if (ErrorCatalog.Contains(code))
        {
            // The platform's one renderer (common/Platform.Errors); the status is ours where the catalog lists a second one.
            var rendered = ProblemJson.Render(new PlatformError(code, detail) { Status = status }, http.Request.Path, traceId, errors);
            http.Response.StatusCode = rendered.Status;
            http.Response.ContentType = rendered.ContentType;
            await http.Response.Body.WriteAsync(rendered.Body);
            return;
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/problem+json";

        var body = new Dictionary<string, object?>
        {
            ["type"] = "https://platform.dev/errors/" + code.ToLowerInvariant().Replace('_', '-'),
            ["title"] = Title(status),
            ["status"] = status,
            ["detail"] = detail,
            ["code"] = code,
            ["traceId"] = traceId,
        };
        if (errors is not null)
        {
            body["errors"] = errors;
        }

        await http.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }

    public static Task WriteAsync(HttpContext http, ApiException e) => WriteAsync(http, e.Status, e.Code, e.Message, e.Errors);

    /// <summary>
    /// Writes the expected refusals (ApiException, unreadable bodies) where they happen, so they are not logged as
    /// errors; anything else goes on to the exception handler below.
    /// </summary>
    public static async Task CatchAsync(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http);
        }
        catch (ApiException e) when (!http.Response.HasStarted)
        {
            http.Response.Clear();
            await WriteAsync(http, e);
        }
        catch (BadHttpRequestException e) when (!http.Response.HasStarted)
        {
            http.Response.Clear();
            await WriteAsync(http, e.StatusCode is >= 400 and < 500 ? e.StatusCode : 400, "VALIDATION_FAILED", Unwrap(e));
        }
    }

    /// <summary>Exception handler for the whole host: ApiException as itself, bad request bodies as 400, the rest as 500.</summary>
    public static async Task HandleAsync(HttpContext http)
    {
        var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        switch (error)
        {
            case ApiException api:
                await WriteAsync(http, api);
                break;
            case BadHttpRequestException bad:
                await WriteAsync(http, bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : 400, "VALIDATION_FAILED", Unwrap(bad));
                break;
            default:
                await WriteAsync(http, 500, "INTERNAL_ERROR", "Something went wrong on our side; the trace id finds it in the logs.");
                break;
        }
    }

    /// <summary>Body binding failures carry the JSON reader's message (line, position), which helps; nothing internal.</summary>
    private static string Unwrap(BadHttpRequestException e) =>
        e.InnerException is JsonException json ? "The request body is not valid JSON for this endpoint: " + json.Message : e.Message;

    private static string Title(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        412 => "Precondition Failed",
        422 => "Unprocessable Content",
        428 => "Precondition Required",
        _ => "Error",
    };
}
