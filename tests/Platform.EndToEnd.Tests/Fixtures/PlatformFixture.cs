using Platform.Testing.Postgres;
using Xunit;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>Per test class: fresh metadata and tenant databases, the hosts as processes, and two projects.</summary>
public abstract class PlatformFixture(int silos, IReadOnlyDictionary<string, string>? environment = null, int gateways = 1) : IAsyncLifetime
{
    public TestDatabase Metadata { get; } = new();

    public TestDatabase TenantA { get; } = new();

    public TestDatabase TenantB { get; } = new();

    public PlatformHosts Hosts { get; private set; } = null!;

    public TestProject ProjectA { get; private set; } = null!;

    public TestProject ProjectB { get; private set; } = null!;

    public string GatewayUrl => Hosts.Gateway.Url;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Metadata.InitializeAsync(), TenantA.InitializeAsync(), TenantB.InitializeAsync());
        Hosts = await PlatformHosts.StartAsync(Metadata, silos, environment, gateways);
        ProjectA = await Hosts.CreateProjectAsync(TenantA.ConnectionString);
        ProjectB = await Hosts.CreateProjectAsync(TenantB.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (Hosts is not null)
        {
            await Hosts.DisposeAsync();
        }

        await Task.WhenAll(Metadata.DisposeAsync(), TenantA.DisposeAsync(), TenantB.DisposeAsync());
    }
}
