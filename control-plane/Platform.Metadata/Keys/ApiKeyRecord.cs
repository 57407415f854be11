using Platform.Metadata.Projects;

namespace Platform.Metadata.Keys;

/// <summary>What the gateway learns from a key: whose it is and what it may do.</summary>
public sealed record ApiKeyRecord(Guid Id, Guid ProjectId, ApiKeyRole Role, string Prefix, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt)
{
    /// <summary>The project's own gateway limits from its settings; null means the gateway's defaults.</summary>
    public ProjectLimits? Limits { get; init; }

    /// <summary>The project's browser origins from its settings; null means any origin.</summary>
    public ProjectCorsSettings? Cors { get; init; }

    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
