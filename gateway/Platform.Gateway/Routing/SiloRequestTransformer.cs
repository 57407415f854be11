using Microsoft.AspNetCore.WebUtilities;
using Platform.ServiceDefaults.InternalAuth;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Gateway.Routing;

/// <summary>
/// Turns a client's request into the silo's: the client's headers without the API key, the silo's internal path and
/// the signed internal headers for it, and the body the gateway already read. A plain transformer rather
/// than YARP's configurable one, which also adds X-Forwarded-* headers the silo never reads and runs a list of
/// transforms per request.
/// </summary>
internal sealed class SiloRequestTransformer(InternalRequestSigner signer) : HttpTransformer
{
    /// <summary>What forwarding this request should send; called before the first attempt's SendAsync.</summary>
    public static void Prepare(HttpContext http, SignedTarget target, BufferedBody? body) => http.Features.Set(new SiloRequest(target, body));

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        proxyRequest.Headers.Remove(ProjectRoutes.ApiKeyHeader);
        // It may carry the key as its password; the silo never needs it.
        proxyRequest.Headers.Remove(Keys.ConnectionStringKey.Header);

        var silo = httpContext.Features.Get<SiloRequest>()!;
        var target = silo.Target;
        var query = ForwardedQuery(httpContext.Request.QueryString);
        var uri = target.UriOn(destinationPrefix, query);
        proxyRequest.RequestUri = uri;

        // Signed as the silo will read it: the query as the handler escapes it on the wire, the Authorization header
        // YARP copied, and the body the gateway holds (every body is read whole first, BufferedBody).
        var body = silo.Body is { } buffered ? buffered.Memory : ReadOnlyMemory<byte>.Empty;
        InternalSigning.Apply(proxyRequest.Headers, signer, target.Project, target.Role, target.Method, target.Path,
            query.HasValue ? uri.Query : "", httpContext.Request.Headers.Authorization.ToString(), body.Span);
        if (silo.Body is not null)
        {
            // For BufferedBodyHandler, below YARP: YARP 2.3 refuses a transform that replaces the request's content.
            proxyRequest.Options.Set(BufferedBody.OptionsKey, body);
        }
    }

    /// <summary>The client's query without the api_key parameter; parsed only when it may hold one (sockets, mostly).</summary>
    private static QueryString ForwardedQuery(QueryString original)
    {
        // '%' too: an encoded name (api%5Fkey) decodes to api_key, which the gateway accepts, so it must go as well.
        if (original.Value is not { } value || (!value.Contains(ProjectRoutes.ApiKeyQuery, StringComparison.OrdinalIgnoreCase) && !value.Contains('%', StringComparison.Ordinal)))
        {
            return original;
        }

        var query = QueryHelpers.ParseQuery(original.Value);
        query.Remove(ProjectRoutes.ApiKeyQuery);
        return QueryString.Create(query.SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v))));
    }
}
