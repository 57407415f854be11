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
    /// WebSocket's own "policy violation": graphql-ws does not treat it as fatal, so the client reconnects.
    /// </summary>
    public const int SlowConsumer = 1008;
}
