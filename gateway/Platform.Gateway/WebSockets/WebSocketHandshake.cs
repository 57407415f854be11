using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace Platform.Gateway.WebSockets;

/// <summary>
/// The server side of an RFC 6455 handshake over Kestrel's upgrade feature. Done here rather than with the WebSockets
/// middleware so that middleware never stands in front of the upgrades YARP forwards untouched.
/// </summary>
internal static class WebSocketHandshake
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>Null when the request is not a well-formed version 13 handshake the gateway can upgrade.</summary>
    public static async Task<WebSocket?> AcceptAsync(HttpContext http, string subProtocol, TimeSpan keepAlive)
    {
        var upgrade = http.Features.Get<IHttpUpgradeFeature>();
        var key = http.Request.Headers.SecWebSocketKey.ToString();
        if (upgrade is not { IsUpgradableRequest: true } || http.Request.Headers.SecWebSocketVersion != "13" || !IsValidKey(key))
        {
            return null;
        }

        http.Response.Headers.Connection = "Upgrade";
        http.Response.Headers.Upgrade = "websocket";
#pragma warning disable CA5350 // RFC 6455 fixes SHA-1 for Sec-WebSocket-Accept; it proves a WebSocket handshake, it secures nothing.
        http.Response.Headers.SecWebSocketAccept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
#pragma warning restore CA5350
        http.Response.Headers.SecWebSocketProtocol = subProtocol;
        var stream = await upgrade.UpgradeAsync();
        return WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, SubProtocol = subProtocol, KeepAliveInterval = keepAlive });
    }

    public static bool Requests(HttpRequest request, string subProtocol)
    {
        foreach (var value in request.Headers.SecWebSocketProtocol)
        {
            foreach (var p in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (string.Equals(p, subProtocol, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsValidKey(string key)
    {
        Span<byte> bytes = stackalloc byte[24];
        return Convert.TryFromBase64String(key, bytes, out var n) && n == 16;
    }
}
