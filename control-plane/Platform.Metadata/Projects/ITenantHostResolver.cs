using System.Net;

namespace Platform.Metadata.Projects;

/// <summary>
/// Turns a tenant database's host name into addresses. The platform resolves names itself and connects to the
/// addresses it checked (<see cref="TenantHostGuard"/>), so what the driver would resolve later never matters.
/// </summary>
public interface ITenantHostResolver
{
    /// <summary>The name's addresses; empty when it does not resolve. <paramref name="host"/> is lower case, without a trailing dot.</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
