using Platform.Gateway.Admission;
using Platform.Gateway.Cors;
using Platform.Gateway.WebSockets;

namespace Platform.Gateway.Routing;

/// <summary>The services every public request needs, in one parameter.</summary>
internal sealed class RequestGate(RequestAdmission admission, OpenSocketRegistry sockets, ProjectForwarder forwarder, ProjectHosts hosts, KeyInInitSockets initSockets, CorsHeaders cors)
{
    public RequestAdmission Admission { get; } = admission;

    public OpenSocketRegistry Sockets { get; } = sockets;

    public ProjectForwarder Forwarder { get; } = forwarder;

    public ProjectHosts Hosts { get; } = hosts;

    public KeyInInitSockets InitSockets { get; } = initSockets;

    public CorsHeaders Cors { get; } = cors;
}
