using Microsoft.Extensions.Options;
using Platform.DataPlane.Abstractions.Realtime;
using Platform.DataPlane.Grains.Projects;
using Platform.DataPlane.Realtime.Protocol;
using Platform.Metadata.Keys;

namespace Platform.DataPlane.Silo.WebSockets;

/// <summary>Accepts a graphql-transport-ws upgrade the gateway forwarded (already signed and checked) and serves it to its end.</summary>
internal static class GraphQLWsEndpoint
{
    public const string SubProtocol = "graphql-transport-ws";

    public static async Task RunAsync(HttpContext http, Guid projectId, ApiKeyRole keyRole)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<GraphQLWsOptions>>().Value;
        var grains = services.GetRequiredService<IGrainFactory>();
        var lease = services.GetRequiredService<IOptions<ProjectGrainOptions>>().Value.SocketLease;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.DataPlane.Silo.WebSockets");
        var wantsProtocol = http.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol);
        using var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = wantsProtocol ? SubProtocol : null,
            KeepAliveInterval = options.KeepAlive,
        });
        if (!wantsProtocol)
        {
            // graphql-ws answers a socket without its subprotocol this way.
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync((System.Net.WebSockets.WebSocketCloseStatus)CloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable", grace.Token);
            return;
        }

        using var connection = new GraphQLWsConnection(socket, grains.GetGrain<IProjectRealtimeGrain>(projectId), keyRole, options, lease, log);
        await connection.RunAsync(grains, http.RequestAborted);
    }
}
