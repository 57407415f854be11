using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Platform.Bench;

/// <summary>
/// A graphql-transport-ws client on one <see cref="ClientWebSocket"/>, lean enough to hold thousands at once: the key
/// in connection_init's payload, subscribe, pong to ping, and a receive loop that hands every next message to a
/// callback with its arrival time (taken before parsing, so parsing is not counted as delivery).
/// </summary>
public sealed class GraphQLWsSocket : IAsyncDisposable
{
    private readonly ClientWebSocket socket = new();
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly Action<string, JsonElement, long> onNext;
    private readonly Action<string, string> onError;
    private Task? receiving;

    private GraphQLWsSocket(Action<string, JsonElement, long> onNext, Action<string, string> onError)
    {
        this.onNext = onNext;
        this.onError = onError;
        socket.Options.AddSubProtocol("graphql-transport-ws");
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
    }

    /// <summary>Why the socket ended, when the server ended it.</summary>
    public string? ClosedBy { get; private set; }

    /// <summary>Connects, sends connection_init with the key and waits for connection_ack.</summary>
    /// <param name="onNext">Operation id, the message's payload, and <see cref="BenchClock.Micros"/> at arrival.</param>
    /// <param name="onError">Operation id and the error message's payload, as text.</param>
    public static async Task<GraphQLWsSocket> ConnectAsync(Uri url, string apiKey, Action<string, JsonElement, long> onNext, Action<string, string> onError, CancellationToken ct)
    {
        var s = new GraphQLWsSocket(onNext, onError);
        await s.socket.ConnectAsync(url, ct);
        await s.SendAsync(JsonSerializer.Serialize(new { type = "connection_init", payload = new { apiKey } }), ct);
        var buffer = new byte[4096];
        var first = await s.socket.ReceiveAsync(buffer, ct);
        var text = Encoding.UTF8.GetString(buffer, 0, first.Count);
        if (first.MessageType == WebSocketMessageType.Close || !text.Contains("\"connection_ack\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"no connection_ack: {(first.MessageType == WebSocketMessageType.Close ? "closed " + s.socket.CloseStatus : text)}");
        }

        s.receiving = s.ReceiveAsync();
        return s;
    }

    public Task SubscribeAsync(string id, string query, object? variables, CancellationToken ct) =>
        SendAsync(JsonSerializer.Serialize(new { id, type = "subscribe", payload = new { query, variables } }), ct);

    private async Task SendAsync(string text, CancellationToken ct)
    {
        await sending.WaitAsync(ct);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);
        }
        finally
        {
            sending.Release();
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var r = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    ClosedBy = $"{(int?)socket.CloseStatus} {socket.CloseStatusDescription}";
                    return;
                }

                var at = BenchClock.Micros();
                ReadOnlyMemory<byte> bytes;
                if (r.EndOfMessage && message.Length == 0)
                {
                    bytes = buffer.AsMemory(0, r.Count);
                }
                else
                {
                    message.Write(buffer, 0, r.Count);
                    if (!r.EndOfMessage)
                    {
                        continue;
                    }

                    bytes = message.GetBuffer().AsMemory(0, (int)message.Length);
                }

                await HandleAsync(bytes, at);
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            ClosedBy ??= e.GetType().Name + ": " + e.Message;
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> bytes, long at)
    {
        using var doc = JsonDocument.Parse(bytes);
        var root = doc.RootElement;
        var type = root.GetProperty("type").GetString();
        var id = root.TryGetProperty("id", out var i) ? i.GetString() ?? "" : "";
        switch (type)
        {
            case "next":
                onNext(id, root.GetProperty("payload"), at);
                break;
            case "error":
                onError(id, root.GetProperty("payload").GetRawText());
                break;
            case "ping":
                await SendAsync("{\"type\":\"pong\"}", CancellationToken.None);
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", grace.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }

        if (receiving is not null)
        {
            await Task.WhenAny(receiving, Task.Delay(TimeSpan.FromSeconds(5)));
        }

        socket.Dispose();
        sending.Dispose();
    }
}
