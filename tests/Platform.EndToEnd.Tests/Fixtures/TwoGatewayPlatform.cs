using Platform.Testing.Postgres;
using Xunit;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>Two silos and two gateway processes on one metadata database, with two projects on separate tenant databases.</summary>
public sealed class TwoGatewayPlatform : IAsyncLifetime
{
    public TestDatabase Metadata { get; } = new();

    public TestDatabase TenantA { get; } = new();

    public TestDatabase TenantB { get; } = new();

    public PlatformHosts Hosts { get; private set; } = null!;

    public TestProject ProjectA { get; private set; } = null!;

    public TestProject ProjectB { get; private set; } = null!;

    public IReadOnlyList<string> GatewayUrls => Hosts.Gateways.Select(g => g.Url).ToList();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Metadata.InitializeAsync(), TenantA.InitializeAsync(), TenantB.InitializeAsync());
        Hosts = await PlatformHosts.StartAsync(Metadata, silos: 2, gateways: 2);
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
