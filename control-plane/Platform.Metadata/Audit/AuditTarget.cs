namespace Platform.Metadata.Audit;

public sealed record AuditTarget(string Type, string Id, string? Name);
