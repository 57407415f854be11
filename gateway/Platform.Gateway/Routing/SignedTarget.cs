using System.Globalization;
using Platform.Metadata.Keys;
using Platform.ServiceDefaults.InternalAuth;

namespace Platform.Gateway.Routing;

/// <summary>
/// Where one kind of request goes on a silo (project, surface, key role, method) and its signature for the current
/// second. The signature covers only those and the timestamp, which has one-second resolution, so every request of
/// that kind within a second carries the same one: it is computed once per second instead of an HMAC per request.
/// </summary>
internal sealed class SignedTarget(string project, ApiKeyRole role, string method, string path)
{
    private Stamp? current;
    private Destination? destination;

    public string Project { get; } = project;

    public ApiKeyRole Role { get; } = role;

    public string Path { get; } = path;

    /// <summary>The timestamp and signature for <paramref name="unixSeconds"/>.</summary>
    public Stamp SignedAt(InternalRequestSigner signer, long unixSeconds)
    {
        var stamp = Volatile.Read(ref current);
        if (stamp is null || stamp.UnixSeconds != unixSeconds)
        {
            // Racing requests may each compute it; they compute the same value, so whichever lands is right.
            stamp = new Stamp(unixSeconds, unixSeconds.ToString(CultureInfo.InvariantCulture), signer.Sign(Project, Role.ToWire(), unixSeconds, method, Path));
            Volatile.Write(ref current, stamp);
        }

        return stamp;
    }

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

    public sealed record Stamp(long UnixSeconds, string Timestamp, string Signature);

    private sealed record Destination(string SiloPrefix, Uri Uri);
}
