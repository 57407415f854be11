using Orleans.Concurrency;

namespace Platform.DataPlane.Abstractions.Realtime;

/// <summary>
/// One WebSocket connection on a silo, as the project's grain sees it: results for its running subscriptions are
/// pushed here, one way, so a slow socket never holds up the grain.
/// </summary>
public interface ISubscriptionObserver : IGrainObserver
{
    [OneWay]
    Task OnEvent(SubscriptionEvent e);
}
