using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace Platform.ControlPlane.Identity;

/// <summary>
/// RFC 8252 section 7.3: a native client's loopback redirect (http://127.0.0.1 or http://[::1]) matches on any port,
/// because command-line tools listen on whatever port the system gives them. Only clients registered with a loopback
/// redirect get this; every other redirect must match exactly.
/// </summary>
public sealed class LoopbackApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TApplication> store)
    : OpenIddictApplicationManager<TApplication>(cache, logger, options, store)
    where TApplication : class
{
    public override async ValueTask<bool> ValidateRedirectUriAsync(TApplication application, string uri, CancellationToken cancellationToken = default)
    {
        if (await base.ValidateRedirectUriAsync(application, uri, cancellationToken))
        {
            return true;
        }

        if (!Uri.TryCreate(uri, UriKind.Absolute, out var requested) || !IsLoopback(requested) || !string.IsNullOrEmpty(requested.Query) || !string.IsNullOrEmpty(requested.Fragment))
        {
            return false;
        }

        foreach (var registered in await Store.GetRedirectUrisAsync(application, cancellationToken))
        {
            if (Uri.TryCreate(registered, UriKind.Absolute, out var candidate) && IsLoopback(candidate)
                && string.Equals(candidate.Host, requested.Host, StringComparison.OrdinalIgnoreCase)
                && string.Equals(candidate.AbsolutePath, requested.AbsolutePath, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Loopback IP literals over plain HTTP; "localhost" is not one (RFC 8252 section 8.3).</summary>
    private static bool IsLoopback(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttp && uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
        && System.Net.IPAddress.TryParse(uri.DnsSafeHost, out var ip) && System.Net.IPAddress.IsLoopback(ip);
}
