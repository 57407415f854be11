namespace Platform.DataPlane.Abstractions.Realtime;

/// <summary>A result (<c>next</c>), a failure (<c>error</c>, payload: GraphQL errors array) or the end of one operation.</summary>
[GenerateSerializer, Immutable]
public sealed record SubscriptionEvent(
    [property: Id(0)] string OperationId,
    [property: Id(1)] SubscriptionEventKind Kind,
    [property: Id(2)] byte[]? Payload);
