namespace Platform.Metadata.Audit;

/// <summary>Who acted: a user, a service account, a webhook or the platform itself ("system").</summary>
public sealed record AuditActor(string Type, string? Id, string? Name)
{
    public static readonly AuditActor System = new("system", null, null);
}
