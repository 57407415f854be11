using System.Text.Json.Nodes;

namespace Platform.Metadata.Audit;

/// <summary>One thing someone did: who (actor), what (action), to what (target), where (team, project).</summary>
public sealed record AuditEntry(
    Guid Id,
    DateTimeOffset At,
    Guid? TeamId,
    Guid? ProjectId,
    AuditActor Actor,
    string Action,
    AuditTarget? Target,
    JsonObject Details);
