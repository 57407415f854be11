using System.Net;
using Npgsql;
using Xunit;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>
/// One silo and a gateway configured as deployed (internal tenant addresses refused) except for 127.0.0.1, the one
/// "network" this deployment keeps tenant databases on, with a hosts file the tests rewrite to move a name, a host
/// recheck every second, and a wildcard host. A relay on 127.0.0.2 (refused) leads to the same PostgreSQL, so a
/// connection made there would really be served.
/// </summary>
public sealed class HostPolicyPlatform() : PlatformFixture(1, new Dictionary<string, string>
{
    ["Platform__Silo__Projects__AllowPrivateTenantHosts"] = "false",
    ["Platform__Silo__Projects__AllowedTenantNetworks__0"] = "127.0.0.1/32",
    ["Platform__Silo__Projects__TenantHostsFile"] = HostsFilePath,
    ["Platform__Silo__Projects__TenantHostRecheckInterval"] = "00:00:01",
    ["Platform__Gateway__WildcardHost"] = WildcardHost,
}), IAsyncLifetime
{
    public const string WildcardHost = "api.localtest.me";

    /// <summary>The name the tests move between an allowed and a refused address.</summary>
    public const string MovingName = "tenant-db.hosts.test";

    private static readonly string HostsFilePath = Path.Combine(Path.GetTempPath(), "platform-tenant-hosts-" + Guid.NewGuid().ToString("N"));

    private readonly string hostsFile = HostsFilePath;

    public TcpRelay Relay { get; private set; } = null!;

    /// <summary>Tenant A's database reached as <see cref="MovingName"/>.</summary>
    public string MovingConnectionString { get; private set; } = "";

    public new async Task InitializeAsync()
    {
        PointTo(IPAddress.Loopback);
        await base.InitializeAsync();
        var b = new NpgsqlConnectionStringBuilder(TenantA.ConnectionString);
        Relay = new TcpRelay(new IPEndPoint(IPAddress.Parse("127.0.0.2"), b.Port), new IPEndPoint(IPAddress.Loopback, b.Port));
        b.Host = MovingName;
        MovingConnectionString = b.ConnectionString;
    }

    /// <summary>Rewrites the hosts file so <see cref="MovingName"/> resolves to <paramref name="address"/> (written aside, then moved in one step).</summary>
    public void PointTo(IPAddress address)
    {
        var temp = hostsFile + ".new";
        File.WriteAllText(temp, $"# written by HostPolicyPlatform\n{address} {MovingName}\n");
        File.Move(temp, hostsFile, overwrite: true);
    }

    public new async Task DisposeAsync()
    {
        if (Relay is not null)
        {
            await Relay.DisposeAsync();
        }

        await base.DisposeAsync();
        File.Delete(hostsFile);
    }
}
