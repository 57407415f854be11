using System.Diagnostics;
using System.Text;

namespace Platform.Gateway.Observability;

/// <summary>
/// Keeps API keys out of what the gateway records. A key may come as <c>api_key</c> in the query string (WebSockets
/// from browsers), which ASP.NET Core's request span carries as <c>url.query</c> and its hosting log writes in full;
/// the span gets the query with the key's value replaced, and the hosting log lines are not written (GatewayHosting).
/// </summary>
internal static class KeyRedaction
{
    public const string Redacted = "REDACTED";

    /// <summary>Replaces the request span's <c>url.query</c> when the query may hold a key.</summary>
    public static void RedactSpan(HttpRequest request)
    {
        if (Activity.Current is { } activity && Redact(request.QueryString.Value) is { } query)
        {
            activity.SetTag("url.query", query);
        }
    }

    /// <summary>The query (without its '?') with every <c>api_key</c> value (any case, any encoding) replaced; null when it has none.</summary>
    public static string? Redact(string? query)
    {
        // '%' too: an encoded name (api%5Fkey) decodes to api_key, which the gateway accepts.
        if (string.IsNullOrEmpty(query)
            || (!query.Contains(Routing.ProjectRoutes.ApiKeyQuery, StringComparison.OrdinalIgnoreCase) && !query.Contains('%', StringComparison.Ordinal)))
        {
            return null;
        }

        var found = false;
        var sb = new StringBuilder(query.Length);
        foreach (var part in query.TrimStart('?').Split('&'))
        {
            if (sb.Length > 0)
            {
                sb.Append('&');
            }

            var eq = part.IndexOf('=');
            var name = eq < 0 ? part : part[..eq];
            if (string.Equals(Uri.UnescapeDataString(name.Replace('+', ' ')), Routing.ProjectRoutes.ApiKeyQuery, StringComparison.OrdinalIgnoreCase))
            {
                found = true;
                sb.Append(name).Append('=').Append(Redacted);
            }
            else
            {
                sb.Append(part);
            }
        }

        return found ? sb.ToString() : null;
    }
}
