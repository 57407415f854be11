using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Metadata.Silos;
using Platform.ServiceDefaults.InternalAuth;
using Platform.Testing.Hosting;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>
/// A real HTTP and WebSocket server in the test process that registers itself in platform.silos as a silo would,
/// because the real silo has no WebSocket endpoint yet. It checks the gateway's signature like a silo, echoes
/// WebSocket messages, and reports what reached it, so tests see exactly what the gateway forwarded.
/// </summary>
public sealed class FakeSilo : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly InternalRequestSigner signer;
    private readonly CancellationTokenSource stop = new();
    private Task heartbeat = Task.CompletedTask;

    private FakeSilo(WebApplication app, InternalRequestSigner signer, string url)
    {
        this.app = app;
        this.signer = signer;
        Url = url;
    }

    public string Url { get; }

    public string SiloAddress { get; } = "127.0.0.1:1@" + Random.Shared.Next(1, int.MaxValue);

    /// <summary>Signed GraphQL and SQL requests that reached this silo, by project.</summary>
    public ConcurrentDictionary<Guid, int> Requests { get; } = new();

    /// <summary>Sockets the gateway opened to this silo, with how they ended.</summary>
    public ConcurrentQueue<FakeSiloSocket> Sockets { get; } = new();

    public static async Task<FakeSilo> StartAsync(NpgsqlDataSource metadata, string internalSecret)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var silo = new FakeSilo(app, new InternalRequestSigner(internalSecret), url);
        app.UseWebSockets();
        app.MapGet("/internal/projects/{projectId:guid}/status", (HttpContext http, Guid projectId) =>
            silo.Signed(http, projectId) ? Results.Json(new { siloAddress = silo.SiloAddress }) : Results.StatusCode(401));
        app.MapMethods("/internal/projects/{projectId:guid}/graphql", ["GET", "POST"], silo.GraphQLAsync);
        app.MapPost("/internal/projects/{projectId:guid}/sql", silo.GraphQLAsync);
        await app.StartAsync();

        var registry = new SiloRegistry(metadata);
        await registry.HeartbeatAsync(silo.SiloAddress, url);
        silo.heartbeat = silo.BeatAsync(registry);
        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await heartbeat;
        await app.DisposeAsync();
        stop.Dispose();
    }

    /// <summary>Checks the signature as a silo does, over the whole request (decision 0087).</summary>
    private bool Signed(HttpContext http, Guid projectId, ReadOnlySpan<byte> body = default)
    {
        var h = http.Request.Headers;
        return signer.Verify(h[InternalHeaders.ProjectId], h[InternalHeaders.KeyRole], h[InternalHeaders.Timestamp], h[InternalHeaders.Signature],
                http.Request.Method, http.Request.Path.Value ?? "", http.Request.QueryString.Value ?? "", h.Authorization.ToString(), body, DateTimeOffset.UtcNow)
                == InternalSignatureStatus.Valid
            && h[InternalHeaders.ProjectId] == projectId.ToString();
    }

    private async Task GraphQLAsync(HttpContext http, Guid projectId)
    {
        using var body = new MemoryStream();
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        }

        if (!Signed(http, projectId, body.GetBuffer().AsSpan(0, (int)body.Length)))
        {
            http.Response.StatusCode = 401;
            return;
        }

        Requests.AddOrUpdate(projectId, 1, (_, n) => n + 1);

        if (!http.WebSockets.IsWebSocketRequest)
        {
            // What the gateway sent upstream, for the observability and forwarding tests.
            var h = http.Request.Headers;
            await http.Response.WriteAsJsonAsync(new
            {
                bodyLength = body.Length,
                bodySha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(body.ToArray())),
                contentType = http.Request.ContentType ?? "",
                project = h[InternalHeaders.ProjectId].ToString(),
                path = http.Request.Path.Value,
                query = http.Request.QueryString.Value ?? "",
                requestId = h["X-Request-Id"].ToString(),
                traceparent = h["traceparent"].ToString(),
                forwardedFor = h["X-Forwarded-For"].ToString(),
                authorization = h.Authorization.ToString(),
                apiKey = h["X-Api-Key"].ToString(),
                neonConnectionString = h["Neon-Connection-String"].ToString(),
                keyRole = h[InternalHeaders.KeyRole].ToString(),
            });
            return;
        }

        var socket = new FakeSiloSocket(http.Request.QueryString.Value ?? "", http.WebSockets.WebSocketRequestedProtocols.ToArray());
        Sockets.Enqueue(socket);
        var protocol = socket.RequestedProtocols.Contains("graphql-transport-ws") ? "graphql-transport-ws" : null;
        using var ws = await http.WebSockets.AcceptWebSocketAsync(protocol);
        await socket.EchoAsync(ws, http.RequestAborted);
    }

    private async Task BeatAsync(SiloRegistry registry)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                try
                {
                    await registry.HeartbeatAsync(SiloAddress, Url, stop.Token);
                }
                catch (NpgsqlException)
                {
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
