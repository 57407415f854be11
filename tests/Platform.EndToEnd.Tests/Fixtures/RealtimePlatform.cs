using Platform.EndToEnd.Tests.Realtime;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>Per test class: the hosts as processes (N silos, one gateway), the realtime tenant's project, one graphql-ws driver.</summary>
public abstract class RealtimePlatform(int silos, IReadOnlyDictionary<string, string>? environment = null) : IAsyncLifetime
{
    public TestDatabase Metadata { get; } = new();

    public TestDatabase Tenant { get; } = new();

    public PlatformHosts Hosts { get; private set; } = null!;

    public TestProject Project { get; private set; } = null!;

    public GraphQLWsDriver Driver { get; private set; } = null!;

    public string GatewayUrl => Hosts.Gateway.Url;

    /// <summary>The socket URL with the key in the query (YARP passes the upgrade through to the silo).</summary>
    public string UrlWithKey(string? key = null) => GraphQLWsDriver.WsUrl(GatewayUrl, "/graphql?api_key=" + (key ?? Project.AnonKey.Key));

    /// <summary>The socket URL without a key: the key goes in connection_init's payload.</summary>
    public string Url => GraphQLWsDriver.WsUrl(GatewayUrl, "/graphql");

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Metadata.InitializeAsync(), Tenant.InitializeAsync());
        var driver = GraphQLWsDriver.StartAsync();
        Hosts = await PlatformHosts.StartAsync(Metadata, silos, environment);
        Project = await RealtimeTenant.CreateAsync(Hosts, Tenant);
        Driver = await driver;
    }

    public async Task DisposeAsync()
    {
        if (Driver is not null)
        {
            await Driver.DisposeAsync();
        }

        if (Hosts is not null)
        {
            await Hosts.DisposeAsync();
        }

        await Task.WhenAll(Metadata.DisposeAsync(), Tenant.DisposeAsync());
    }
}
