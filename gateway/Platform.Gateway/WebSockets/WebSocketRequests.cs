namespace Platform.Gateway.WebSockets;

internal static class WebSocketRequests
{
    /// <summary>An HTTP/1.1 upgrade to WebSocket (HTTP/2 extended CONNECT is not served on the gateway's listeners).</summary>
    public static bool IsUpgrade(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase);
}
