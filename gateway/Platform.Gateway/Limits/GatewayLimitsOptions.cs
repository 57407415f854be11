namespace Platform.Gateway.Limits;

/// <summary>
/// The gateway's per-project limits (section Platform:Gateway:Limits): the defaults for every project whose settings
/// do not name its own (ProjectLimits). Each gateway instance enforces them on its own traffic.
/// </summary>
internal sealed class GatewayLimitsOptions
{
    public const string Section = "Platform:Gateway:Limits";

    /// <summary>Sustained requests per second per project (token bucket refill rate).</summary>
    public int RequestsPerSecond { get; set; } = 100;

    /// <summary>Token bucket size: how many requests a quiet project may send at once.</summary>
    public int Burst { get; set; } = 200;

    /// <summary>HTTP requests of one project in flight at once; more get 429 CONCURRENCY_LIMIT.</summary>
    public int MaxConcurrentRequests { get; set; } = 64;

    /// <summary>WebSockets of one project open at once; more get 429 WEBSOCKET_LIMIT.</summary>
    public int MaxWebSockets { get; set; } = 100;

    /// <summary>Design default: bodies over 1 MiB get 413.</summary>
    public long MaxBodyBytes { get; set; } = 1 << 20;

    /// <summary>
    /// The slowest a request body may arrive once admitted (Kestrel's own default is 240 B/s, at which a 1 MiB body
    /// holds a request slot for over an hour); 4 KiB/s bounds that to about four minutes.
    /// </summary>
    public int MinBodyBytesPerSecond { get; set; } = 4096;

    /// <summary>How long a body may start slower than <see cref="MinBodyBytesPerSecond"/> (Kestrel checks once a second, so over 1 s).</summary>
    public TimeSpan MinBodyGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxHeaderBytes { get; set; } = 32 * 1024;

    public int MaxUrlBytes { get; set; } = 8 * 1024;

    /// <summary>Silence from the silo longer than this ends an HTTP request with 504 UPSTREAM_TIMEOUT. Above the
    /// default statement timeout (10 s) plus pool wait (5 s), so the silo's own, clearer answers come first.</summary>
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Idle time after which a WebSocket is closed; graphql-transport-ws clients ping well within it.</summary>
    public TimeSpan WebSocketIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a WebSocket without a key in its request may take to send connection_init (graphql-ws's
    /// connectionInitWaitTimeout, also 3 s there); then it is closed with 4408.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>WebSockets accepted but not yet authenticated by their connection_init, per gateway. They belong to no
    /// project yet, so this bounds what unauthenticated clients can hold open.</summary>
    public int MaxPendingWebSockets { get; set; } = 1000;

    /// <summary>Of those, how many may name one project (path or host), so sockets aimed at one project cannot take the
    /// whole gateway's pool and lock every other project's browsers out.</summary>
    public int MaxPendingWebSocketsPerProject { get; set; } = 100;

    /// <summary>Of those, how many one client address (an IPv6 one by its /64) may hold, whatever it names, so one
    /// client cannot fill the pool for everyone (decision 0089); 0 turns the bound off. A graphql-ws client sends its
    /// connection_init at once, so a real browser holds one or two for milliseconds. The address is the connection's:
    /// behind a proxy, enable forwarded headers (ASPNETCORE_FORWARDEDHEADERS_ENABLED) or turn this off.</summary>
    public int MaxPendingWebSocketsPerClient { get; set; } = 50;

    /// <summary>Why these values cannot work, or nothing; checked at start so a bad configuration never serves.</summary>
    public IEnumerable<string> Problems()
    {
        if (RequestsPerSecond <= 0) yield return "RequestsPerSecond must be positive.";
        if (Burst < 1) yield return "Burst must be at least 1.";
        if (MaxConcurrentRequests < 1) yield return "MaxConcurrentRequests must be at least 1.";
        if (MaxWebSockets < 0) yield return "MaxWebSockets cannot be negative.";
        if (MaxBodyBytes < 1024) yield return "MaxBodyBytes must be at least 1024.";
        if (MinBodyBytesPerSecond <= 0) yield return "MinBodyBytesPerSecond must be positive.";
        if (MinBodyGracePeriod <= TimeSpan.FromSeconds(1)) yield return "MinBodyGracePeriod must be over 1 second.";
        if (MaxHeaderBytes < 1024) yield return "MaxHeaderBytes must be at least 1024.";
        if (MaxUrlBytes < 256) yield return "MaxUrlBytes must be at least 256.";
        if (UpstreamTimeout <= TimeSpan.Zero) yield return "UpstreamTimeout must be positive.";
        if (WebSocketIdleTimeout <= TimeSpan.Zero) yield return "WebSocketIdleTimeout must be positive.";
        if (ConnectionInitTimeout <= TimeSpan.Zero) yield return "ConnectionInitTimeout must be positive.";
        if (MaxPendingWebSockets < 0) yield return "MaxPendingWebSockets cannot be negative.";
        if (MaxPendingWebSocketsPerProject < 0) yield return "MaxPendingWebSocketsPerProject cannot be negative.";
        if (MaxPendingWebSocketsPerClient < 0) yield return "MaxPendingWebSocketsPerClient cannot be negative.";
    }
}
