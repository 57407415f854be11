using System.Globalization;
using Microsoft.AspNetCore.Http;
using Platform.Errors;

namespace Platform.ServiceDefaults.Errors;

/// <summary>Puts a rendered error on the wire: status, content type, Retry-After, a known length, the body.</summary>
public static class ErrorResponses
{
    public static Task WriteErrorAsync(this HttpResponse response, RenderedError error)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(error);
        response.StatusCode = error.Status;
        response.ContentType = error.ContentType;
        if (error.RetryAfterSeconds is { } retry)
        {
            response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
        }

        response.ContentLength = error.Body.Length;
        return response.Body.WriteAsync(error.Body).AsTask();
    }

    /// <summary>The same as a minimal-API result, for endpoints that return <see cref="IResult"/> (the control plane's).</summary>
    public static IResult ToResult(this RenderedError error) => new RenderedErrorResult(error);

    private sealed class RenderedErrorResult(RenderedError error) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => httpContext.Response.WriteErrorAsync(error);
    }
}
