namespace Platform.Metadata.Keys;

/// <summary>What the gateway learns from a key: whose it is and what it may do.</summary>
public sealed record ApiKeyRecord(Guid Id, Guid ProjectId, ApiKeyRole Role, string Prefix, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt)
{
    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
