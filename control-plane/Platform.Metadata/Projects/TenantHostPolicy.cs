using System.Net;

namespace Platform.Metadata.Projects;

/// <summary>
/// Which addresses a tenant's database may have. The platform connects to whatever host a tenant names, from inside
/// its own network; a connection string naming loopback, a private network, link-local (the cloud's metadata
/// endpoint) or another reserved range would turn that position against the platform: its metadata database, other
/// pods, the node. NetworkPolicies block most of it, but not the metadata database, which silos must reach for their
/// own work. Local runs and tests keep tenant databases on 127.0.0.1, so the silo allows private addresses there.
/// </summary>
public static class TenantHostPolicy
{
    private static readonly IPNetwork[] NotPublic =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/3"),
        IPNetwork.Parse("::/127"),
        IPNetwork.Parse("64:ff9b::/96"),
        IPNetwork.Parse("100::/64"),
        IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fec0::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    /// <summary>Whether the address is on the public internet (an IPv4 address mapped into IPv6 is judged as IPv4).</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in NotPublic)
        {
            if (network.Contains(address))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Null when every host the connection string names resolves (through the system resolver) to public addresses
    /// only; otherwise the reason, for the project's owner (it names their host, never the platform's). Connecting
    /// goes through <see cref="TenantHostGuard"/>, which pins the addresses it checked.
    /// </summary>
    public static async Task<string?> RefusalAsync(string connectionString, CancellationToken cancellationToken) =>
        (await new TenantHostGuard(DnsTenantHostResolver.Instance, allowAll: false).CheckAsync(connectionString, cancellationToken)).Reason;
}
