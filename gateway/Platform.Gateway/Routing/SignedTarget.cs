using Platform.Metadata.Keys;

namespace Platform.Gateway.Routing;

/// <summary>
/// Where one kind of request goes on a silo (project, surface, key role, method). The signature is made per request
/// (it covers the query, the Authorization header and the body, decision 0087); what is kept here is the silo URI.
/// </summary>
internal sealed class SignedTarget(string project, ApiKeyRole role, string method, string path)
{
    private Destination? destination;

    public string Project { get; } = project;

    public ApiKeyRole Role { get; } = role;

    public string Method { get; } = method;

    public string Path { get; } = path;

    /// <summary>
    /// The silo's URI for this target. Without a query string it is kept for the silo last used (nearly always the
    /// project's host), so a request does not build and parse a new <see cref="Uri"/>; a Uri is immutable and safe to share.
    /// </summary>
    public Uri UriOn(string siloPrefix, QueryString query)
    {
        if (query.HasValue)
        {
            return new Uri(siloPrefix.TrimEnd('/') + Path + query.ToUriComponent());
        }

        var known = Volatile.Read(ref destination);
        if (known is null || !string.Equals(known.SiloPrefix, siloPrefix, StringComparison.Ordinal))
        {
            known = new Destination(siloPrefix, new Uri(siloPrefix.TrimEnd('/') + Path));
            Volatile.Write(ref destination, known);
        }

        return known.Uri;
    }

    private sealed record Destination(string SiloPrefix, Uri Uri);
}
