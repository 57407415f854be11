namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>Two silos and two gateway processes on one metadata database, with two projects on separate tenant databases.</summary>
public sealed class TwoGatewayPlatform() : PlatformFixture(silos: 2, gateways: 2)
{
    public IReadOnlyList<string> GatewayUrls => Hosts.Gateways.Select(g => g.Url).ToList();
}
