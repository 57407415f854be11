namespace Platform.DataPlane.Abstractions.Realtime;

/// <summary>
/// How an operation started: a single result (a query or mutation: next, then complete), a refusal (error, payload: GraphQL
/// errors array), or a running subscription whose results will come through the observer.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OperationOutcome(
    [property: Id(0)] OperationOutcomeKind Kind,
    [property: Id(1)] byte[]? Payload);
