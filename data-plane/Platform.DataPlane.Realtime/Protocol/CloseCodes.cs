namespace Platform.DataPlane.Realtime.Protocol;

/// <summary>The close codes graphql-transport-ws defines (graphql-ws's PROTOCOL.md), plus the platform's own.</summary>
public static class CloseCodes
{
    public const int InternalServerError = 4500;
    public const int BadRequest = 4400;
    public const int Unauthorized = 4401;
    public const int Forbidden = 4403;
    public const int SubprotocolNotAcceptable = 4406;
    public const int ConnectionInitialisationTimeout = 4408;
    public const int SubscriberAlreadyExists = 4409;
    public const int TooManyInitialisationRequests = 4429;

    /// <summary>
    /// The client does not read what it is sent fast enough; the server closes rather than buffer without bound.
    /// WebSocket's own "policy violation": graphql-ws treats it as fatal, so a client that cannot keep up is not
    /// reconnected into the same overload by its retry loop; the application sees the code and reason.
    /// </summary>
    public const int SlowConsumer = 1008;

    /// <summary>
    /// The project's grain could not be reached (its silo died, it is moving): WebSocket's "try again later", which
    /// graphql-ws retries, so the client reconnects through the gateway and resubscribes. 4500 would be fatal there.
    /// </summary>
    public const int TryAgainLater = 1013;
}
