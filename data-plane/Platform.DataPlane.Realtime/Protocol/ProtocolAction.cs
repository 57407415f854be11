namespace Platform.DataPlane.Realtime.Protocol;

/// <summary>What the connection must do after the state machine saw a message or an event.</summary>
public abstract record ProtocolAction
{
    /// <summary>Send this text message to the client.</summary>
    public sealed record Send(byte[] Message) : ProtocolAction;

    /// <summary>Close the socket with this code and reason; nothing more is read or sent.</summary>
    public sealed record Close(int Code, string Reason) : ProtocolAction;

    /// <summary>Authenticate the connection_init payload, then call Accept or Reject.</summary>
    public sealed record Authenticate(byte[]? Payload) : ProtocolAction;

    /// <summary>Start an operation (query, mutation or subscription).</summary>
    public sealed record Start(SubscribeRequest Request) : ProtocolAction;

    /// <summary>The client completed an operation that is still running: stop it, send nothing.</summary>
    public sealed record Stop(string Id) : ProtocolAction;
}
