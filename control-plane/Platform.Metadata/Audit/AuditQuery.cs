namespace Platform.Metadata.Audit;

/// <summary>Filters of an audit listing; the team or the project scopes it.</summary>
public sealed record AuditQuery(
    Guid? TeamId,
    Guid? ProjectId,
    IReadOnlyList<string> Actions,
    string? ActorId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    int Limit,
    Guid? BeforeId);
