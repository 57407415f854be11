namespace Platform.Gateway.Routing;

/// <summary>What forwarding this request sends a silo besides the client's request, as a typed feature <see cref="SiloRequestTransformer"/> reads.</summary>
internal sealed class SiloRequest(SignedTarget target, BufferedBody? body)
{
    public SignedTarget Target { get; } = target;

    /// <summary>The body when the gateway read it whole; else it streams from the client.</summary>
    public BufferedBody? Body { get; } = body;
}
