using System.Net;
using System.Net.Sockets;

namespace Platform.Metadata.Projects;

/// <summary>The system resolver (DNS, /etc/hosts).</summary>
public sealed class DnsTenantHostResolver : ITenantHostResolver
{
    public static readonly DnsTenantHostResolver Instance = new();

    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        try
        {
            return await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            return [];
        }
    }
}
