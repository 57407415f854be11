namespace Platform.DataPlane.Silo.WebSockets;

/// <summary>graphql-transport-ws on the silo (configuration section Platform:Silo:WebSockets).</summary>
internal sealed class GraphQLWsOptions
{
    /// <summary>graphql-ws's connectionInitWaitTimeout: no acknowledged connection_init in this time closes 4408.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Operations one socket may run at once; more are refused with an error (SUBSCRIPTION_LIMIT).</summary>
    public int MaxOperationsPerSocket { get; set; } = 100;

    /// <summary>Messages waiting for a slow client; past this the socket is closed (1008) instead of buffering more.</summary>
    public int MaxQueuedMessages { get; set; } = 256;

    /// <summary>Largest client message; past it the socket closes 1009.</summary>
    public int MaxMessageBytes { get; set; } = 1 << 20;

    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        if (ConnectionInitTimeout <= TimeSpan.Zero || MaxOperationsPerSocket < 1 || MaxQueuedMessages < 1 || MaxMessageBytes < 1024)
        {
            throw new InvalidOperationException("Platform:Silo:WebSockets: timeouts must be positive, limits at least 1 (messages at least 1 KiB).");
        }
    }
}
