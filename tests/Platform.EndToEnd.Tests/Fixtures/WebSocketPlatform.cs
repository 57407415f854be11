using Platform.Metadata;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>
/// Two real gateway processes whose only silo is a <see cref="FakeSilo"/> in the test process (the real silo has no
/// WebSocket endpoint yet). Everything else is real: metadata PostgreSQL, keys, LISTEN/NOTIFY, YARP. The fake silo
/// answers HTTP with what reached it, which also suits tests of what the gateway routes where.
/// </summary>
public sealed class WebSocketPlatform : IAsyncLifetime
{
    public const int MaxWebSockets = 2;

    public const int MaxPendingPerProject = 2;

    /// <summary>Wildcard host for host-routing tests; requests reach 127.0.0.1 with this in their Host header.</summary>
    public const string WildcardHost = "api.localtest.me";

    private readonly string secret = "internal-" + Guid.NewGuid().ToString("N");

    public TestDatabase Metadata { get; } = new();

    public PlatformHosts Hosts { get; private set; } = null!;

    public FakeSilo Silo { get; private set; } = null!;

    public IReadOnlyList<string> GatewayUrls => Hosts.Gateways.Select(g => g.Url).ToList();

    public Task<TestProject> NewProjectAsync() => Hosts.CreateProjectAsync(Metadata.ConnectionString);

    public async Task InitializeAsync()
    {
        await Metadata.InitializeAsync();
        await MetadataMigrator.MigrateAsync(Metadata.ConnectionString);
        // The gateways are ready only once they know a silo, so the fake one registers first, with the secret they will share.
        Silo = await FakeSilo.StartAsync(Metadata.DataSource, secret);
        Hosts = await PlatformHosts.StartAsync(Metadata, silos: 0, new Dictionary<string, string>
        {
            ["Platform__InternalSecret"] = secret,
            ["Platform__Gateway__Limits__MaxWebSockets"] = MaxWebSockets.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Platform__Gateway__WildcardHost"] = WildcardHost,
            ["Platform__Gateway__Limits__ConnectionInitTimeout"] = "00:00:02",
            ["Platform__Gateway__Limits__MaxPendingWebSocketsPerProject"] = MaxPendingPerProject.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, gateways: 2);
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
