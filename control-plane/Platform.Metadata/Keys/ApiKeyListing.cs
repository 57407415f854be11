namespace Platform.Metadata.Keys;

/// <summary>A key as its project's members see it in a listing.</summary>
public sealed record ApiKeyListing(
    Guid Id, string? Name, ApiKeyRole Role, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);
