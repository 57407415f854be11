using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Orleans.Runtime;
using Platform.Metadata.Silos;

namespace Platform.DataPlane.Silo.Hosting;

/// <summary>
/// Publishes this silo's HTTP URL in the metadata database every few seconds, so gateways can route to it,
/// and withdraws it on a clean stop. A killed silo stops refreshing and ages out of the gateways' view.
/// </summary>
internal sealed class SiloHeartbeat(SiloRegistry registry, ILocalSiloDetails silo, IServer server, IConfiguration config, ILogger<SiloHeartbeat> log)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    public string? HttpUrl { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Kestrel binds before hosted services run only after the app has started; wait for its addresses.
        while (!stoppingToken.IsCancellationRequested && HttpUrl is null)
        {
            HttpUrl = config["Platform:Silo:PublicUrl"] ?? server.Features.Get<IServerAddressesFeature>()?.Addresses
                .Select(a => a.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal))
                .FirstOrDefault(a => !a.EndsWith(":0", StringComparison.Ordinal));
            if (HttpUrl is null)
            {
                await Task.Delay(100, stoppingToken);
            }
        }

        var address = silo.SiloAddress.ToParsableString();
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await registry.HeartbeatAsync(address, HttpUrl!, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Silo heartbeat failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await registry.RemoveAsync(silo.SiloAddress.ToParsableString(), cancellationToken);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not withdraw the silo from the registry");
        }
    }
}
