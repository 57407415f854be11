namespace Platform.DataPlane.Abstractions.Realtime;

[GenerateSerializer]
public enum OperationOutcomeKind
{
    Result,
    Error,
    Subscribed,
}
