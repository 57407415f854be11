using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>The silo's end of one WebSocket: echoes text, closes when asked to, and records how it ended.</summary>
public sealed class FakeSiloSocket(string query, string[] requestedProtocols)
{
    public string Query { get; } = query;

    public string[] RequestedProtocols { get; } = requestedProtocols;

    /// <summary>Completes with "client-closed", "server-closed" or "aborted".</summary>
    public TaskCompletionSource<string> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task EchoAsync(WebSocket ws, CancellationToken aborted)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var r = await ws.ReceiveAsync(buffer, aborted);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, aborted);
                    Ended.TrySetResult("client-closed");
                    return;
                }

                var text = Encoding.UTF8.GetString(buffer, 0, r.Count);
                if (text == "close-please")
                {
                    await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "asked", aborted);
                    Ended.TrySetResult("server-closed");
                    return;
                }

                await ws.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { echo = text })), WebSocketMessageType.Text, true, aborted);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            Ended.TrySetResult("aborted");
        }
    }
}
