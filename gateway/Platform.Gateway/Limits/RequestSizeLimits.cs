using Microsoft.Extensions.Options;
using Platform.Gateway.Errors;
using Platform.Errors;

namespace Platform.Gateway.Limits;

/// <summary>
/// URL and header limits answered in the gateway's JSON shape. Kestrel's own limits sit at twice these values as a
/// hard stop; below them the client gets a readable 414 or 431 instead of Kestrel's bare status line.
/// </summary>
internal sealed class RequestSizeLimits(RequestDelegate next, IOptions<GatewayLimitsOptions> options)
{
    private readonly GatewayLimitsOptions limits = options.Value;

    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.Path.Value?.Length + request.QueryString.Value?.Length > limits.MaxUrlBytes)
        {
            await GatewayErrors.WriteAsync(http, ErrorCodes.UriTooLong, $"The request URL is over {limits.MaxUrlBytes} bytes.");
            return;
        }

        var headerBytes = 0L;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var v in values)
            {
                headerBytes += name.Length + (v?.Length ?? 0) + 4;
            }
        }

        if (headerBytes > limits.MaxHeaderBytes)
        {
            await GatewayErrors.WriteAsync(http, ErrorCodes.HeadersTooLarge, $"The request headers are over {limits.MaxHeaderBytes} bytes.");
            return;
        }

        await next(http);
    }
}
