namespace Platform.DataPlane.Realtime.Protocol;

/// <summary>A valid subscribe message: its id and its payload as the client sent it (query, variables, operationName, extensions).</summary>
public sealed record SubscribeRequest(string Id, byte[] Payload);
