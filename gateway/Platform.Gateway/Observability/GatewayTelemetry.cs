using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.Gateway.Keys;
using Platform.Gateway.WebSockets;

namespace Platform.Gateway.Observability;

/// <summary>
/// The gateway's traces and metrics, under the name Platform.Gateway (ServiceDefaults exports every Platform.* meter).
/// Metrics are tagged by project so one tenant's traffic and rejections can be told from another's.
/// </summary>
internal sealed class GatewayTelemetry : IDisposable
{
    public const string Name = "Platform.Gateway";

    public static readonly ActivitySource Source = new(Name);

    private readonly Meter meter;

    public GatewayTelemetry(IMeterFactory meters, ApiKeyCache keys, KnownKeyFilter filter, OpenSocketRegistry sockets)
    {
        meter = meters.Create(Name);
        // One histogram gives both the latency and, through its count, the requests by status: a separate counter was
        // a second metric update on every request for the same information.
        Duration = meter.CreateHistogram<double>("platform.gateway.request.duration", unit: "s", description: "Time from request to the end of the gateway's handling, by project and status code; its count is the requests answered.");
        Rejections = meter.CreateCounter<long>("platform.gateway.rejections", description: "Requests the gateway refused itself, by project and reason.");
        meter.CreateObservableCounter("platform.gateway.key_lookups", () => keys.DatabaseLookups, description: "API key lookups that reached the metadata database.");
        meter.CreateObservableCounter("platform.gateway.keys_filtered", () => filter.Refused, description: "Made-up keys refused without a lookup.");
        meter.CreateObservableGauge("platform.gateway.websockets", () => sockets.Count, description: "WebSockets open through this gateway.");
    }

    public Histogram<double> Duration { get; }

    public Counter<long> Rejections { get; }

    public void Dispose() => meter.Dispose();
}
