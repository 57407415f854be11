using Platform.Gateway.Cors;
using Platform.Gateway.Keys;
using Platform.Gateway.Limits;
using Platform.Gateway.WebSockets;

namespace Platform.Gateway.Routing;

/// <summary>The services every public request needs, in one parameter.</summary>
public sealed class RequestGate(ApiKeyCache keys, ProjectLimiters limiters, OpenSocketRegistry sockets, ProjectForwarder forwarder, ProjectHosts hosts, KeyInInitSockets initSockets, CorsHeaders cors)
{
    public ApiKeyCache Keys { get; } = keys;

    public ProjectLimiters Limiters { get; } = limiters;

    public OpenSocketRegistry Sockets { get; } = sockets;

    public ProjectForwarder Forwarder { get; } = forwarder;

    public ProjectHosts Hosts { get; } = hosts;

    public KeyInInitSockets InitSockets { get; } = initSockets;

    public CorsHeaders Cors { get; } = cors;
}
