using System.Net.WebSockets;
using Platform.Errors;

namespace Platform.Gateway.WebSockets;

/// <summary>
/// An admission refusal rendered for a socket already accepted: graphql-ws's close codes, 4403 for who the client
/// is (graphql-ws's reason, "Forbidden") and 1013 ("try again later") with the code as the reason for what waiting cures.
/// </summary>
internal static class SocketRejection
{
    public static (WebSocketCloseStatus Status, string Reason) CloseFor(PlatformError error) => error.Status switch
    {
        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => ((WebSocketCloseStatus)4403, "Forbidden"),
        StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable => ((WebSocketCloseStatus)1013, error.Code),
        _ => (WebSocketCloseStatus.InternalServerError, error.Code),
    };
}
