using Platform.Testing.Hosting;
using Xunit;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>One silo and a gateway with <see cref="Relay"/> between them: every request the gateway signs is captured on its way.</summary>
public sealed class CapturedSiloPlatform : PlatformFixture, IAsyncLifetime
{
    private readonly int relayPort;

    public CapturedSiloPlatform()
        : this(FreePort.Next())
    {
    }

    private CapturedSiloPlatform(int relayPort)
        : base(1, new Dictionary<string, string> { ["Platform__Silo__PublicUrl"] = $"http://127.0.0.1:{relayPort}" })
    {
        this.relayPort = relayPort;
    }

    public CapturingSiloRelay Relay { get; private set; } = null!;

    public new async Task InitializeAsync()
    {
        Relay = await CapturingSiloRelay.StartAsync(relayPort);
        await base.InitializeAsync();
        Relay.Target = Hosts.Silos[0].Url;
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Relay.DisposeAsync();
    }
}
