namespace Platform.Gateway.WebSockets;

/// <summary>
/// Re-checks the keys of open WebSockets every few seconds. Notifications close sockets at once; this sweep covers
/// what sends no notification (an expiry time passing) and a listener that is down.
/// </summary>
internal sealed class SocketRevalidator(OpenSocketRegistry sockets) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                sockets.RevalidateAll();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
