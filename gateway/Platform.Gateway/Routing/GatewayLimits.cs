namespace Platform.Gateway.Routing;

public static class GatewayLimits
{
    /// <summary>Design default: bodies over 1 MiB get 413.</summary>
    public const long MaxBodyBytes = 1 << 20;
}
