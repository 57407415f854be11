using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.Testing.Hosting;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>
/// An HTTP relay in the test process that a silo advertises as its URL (<c>Platform:Silo:PublicUrl</c>): the gateway's
/// requests to that silo pass through it and are recorded as sent, signed headers and body included, the way someone
/// listening on the network between gateway and silo would see them. Each is passed on unchanged to the silo.
/// </summary>
public sealed class CapturingSiloRelay : IAsyncDisposable
{
    private static readonly HashSet<string> NotCopied = new(StringComparer.OrdinalIgnoreCase) { "Host", "Connection", "Transfer-Encoding", "Keep-Alive" };
    private readonly WebApplication app;
    private readonly HttpClient client = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };

    private CapturingSiloRelay(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    public string Url { get; }

    /// <summary>The silo's own URL, set once it runs; requests before that are answered 503.</summary>
    public string? Target { get; set; }

    public ConcurrentQueue<CapturedRequest> Captured { get; } = new();

    public static async Task<CapturingSiloRelay> StartAsync(int port)
    {
        var url = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var relay = new CapturingSiloRelay(app, url);
        app.Run(relay.RelayAsync);
        await app.StartAsync();
        return relay;
    }

    /// <summary>Sends a captured request, or a changed copy of it, straight to the silo.</summary>
    public async Task<(int Status, string Body)> ReplayAsync(CapturedRequest request)
    {
        using var message = request.ToMessage(Target!);
        using var response = await client.SendAsync(message);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        client.Dispose();
    }

    private async Task RelayAsync(HttpContext http)
    {
        if (Target is null)
        {
            http.Response.StatusCode = 503;
            return;
        }

        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        var headers = http.Request.Headers
            .Where(h => !NotCopied.Contains(h.Key))
            .SelectMany(h => h.Value.Select(v => (h.Key, v ?? "")))
            .ToList();
        var captured = new CapturedRequest(http.Request.Method, http.Request.Path.Value + http.Request.QueryString.Value, headers, body.ToArray(), DateTimeOffset.UtcNow);
        Captured.Enqueue(captured);

        using var message = captured.ToMessage(Target);
        using var response = await client.SendAsync(message, http.RequestAborted);
        http.Response.StatusCode = (int)response.StatusCode;
        http.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await response.Content.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}
