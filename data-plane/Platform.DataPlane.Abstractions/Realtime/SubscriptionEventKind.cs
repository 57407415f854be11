namespace Platform.DataPlane.Abstractions.Realtime;

[GenerateSerializer]
public enum SubscriptionEventKind
{
    Next,
    Error,
    Complete,
}
