namespace Platform.Gateway.Observability;

/// <summary>What the gateway learns about one public request as it goes, for its metrics and Server-Timing.</summary>
internal sealed class GatewayRequestState(long startedAt)
{
    public long StartedAt { get; } = startedAt;

    public string Project { get; set; } = "unknown";

    /// <summary>The key the request was let in with, for its last_used_at.</summary>
    public Guid? KeyId { get; set; }

    /// <summary>Set when the gateway answers with its own error; the code is the rejection reason.</summary>
    public string? Rejection { get; set; }

    /// <summary>When the request was handed to a silo; 0 when it never was.</summary>
    public long ForwardedAt { get; set; }

    public static GatewayRequestState? Of(HttpContext http) => http.Features.Get<GatewayRequestState>();
}
