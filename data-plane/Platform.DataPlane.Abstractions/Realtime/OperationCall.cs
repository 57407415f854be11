using Platform.Metadata.Keys;

namespace Platform.DataPlane.Abstractions.Realtime;

/// <summary>
/// A subscribe message's payload (<c>{query, variables, operationName}</c>) from socket <paramref name="SocketId"/>,
/// with the key role the gateway vouched for and the end-user token from connection_init.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OperationCall(
    [property: Id(0)] string SocketId,
    [property: Id(1)] string OperationId,
    [property: Id(2)] byte[] Payload,
    [property: Id(3)] ApiKeyRole KeyRole,
    [property: Id(4)] string? Authorization);
