namespace Platform.Metadata.Projects;

/// <summary>What a listing shows of a project: nothing secret, the connection only in its masked form.</summary>
public sealed record ProjectSummary(
    Guid Id,
    Guid? TeamId,
    string Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? ConnectionMasked,
    DateTimeOffset? ConnectionCheckedAt,
    string? ServerVersion);
