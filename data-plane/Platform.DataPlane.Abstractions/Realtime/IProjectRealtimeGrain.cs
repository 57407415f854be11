using Platform.Metadata.Keys;

namespace Platform.DataPlane.Abstractions.Realtime;

/// <summary>
/// The project grain's graphql-transport-ws side (the same activation as IProjectGrain: one grain class implements
/// both). Sockets live on whichever silo the gateway reached; the grain runs their operations, holds the project's
/// subscriptions and pushes results to each socket's observer. A socket renews its lease while open, so a socket lost
/// with its silo is forgotten after the lease.
/// </summary>
public interface IProjectRealtimeGrain : IGrainWithGuidKey
{
    /// <summary>Checks connection_init's end-user token (if any) for the key's role.</summary>
    Task<SocketAdmission> AdmitSocket(ApiKeyRole keyRole, string? authorization);

    Task<OperationOutcome> StartOperation(OperationCall call, ISubscriptionObserver observer);

    /// <summary>The client completed the operation (or the socket dropped it).</summary>
    Task StopOperation(string socketId, string operationId);

    /// <summary>Extends the socket's lease; returns the given operations the grain does not hold (lost with a previous activation).</summary>
    Task<string[]> RenewSocket(string socketId, string[] operationIds);

    Task CloseSocket(string socketId);
}
