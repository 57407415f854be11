using Platform.Metadata;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>
/// A gateway with a small pool of sockets waiting for connection_init (<see cref="MaxPending"/>, of which
/// <see cref="MaxPendingPerClient"/> per client address) in front of a <see cref="FakeSilo"/>.
/// </summary>
public sealed class PendingSocketPlatform : IAsyncLifetime
{
    public const int MaxPending = 4;

    public const int MaxPendingPerClient = 2;

    private readonly string secret = "internal-" + Guid.NewGuid().ToString("N");

    public TestDatabase Metadata { get; } = new();

    public PlatformHosts Hosts { get; private set; } = null!;

    public FakeSilo Silo { get; private set; } = null!;

    public string GatewayUrl => Hosts.Gateway.Url;

    public async Task InitializeAsync()
    {
        await Metadata.InitializeAsync();
        await MetadataMigrator.MigrateAsync(Metadata.ConnectionString);
        Silo = await FakeSilo.StartAsync(Metadata.DataSource, secret);
        Hosts = await PlatformHosts.StartAsync(Metadata, silos: 0, new Dictionary<string, string>
        {
            ["Platform__InternalSecret"] = secret,
            ["Platform__Gateway__Limits__MaxPendingWebSockets"] = MaxPending.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Platform__Gateway__Limits__MaxPendingWebSocketsPerClient"] = MaxPendingPerClient.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Platform__Gateway__Limits__ConnectionInitTimeout"] = "00:00:05",
        });
    }

    public async Task DisposeAsync()
    {
        if (Hosts is not null)
        {
            await Hosts.DisposeAsync();
        }

        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        await Metadata.DisposeAsync();
    }
}
