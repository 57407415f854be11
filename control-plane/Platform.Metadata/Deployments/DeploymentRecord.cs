namespace Platform.Metadata.Deployments;

public sealed record DeploymentRecord(
    Guid Id,
    Guid ProjectId,
    string Status,
    string Trigger,
    string Branch,
    string? Commit,
    string? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<string> MigrationsApplied,
    string? ErrorCode,
    string? ErrorMessage)
{
    public bool Done => Status is "succeeded" or "failed";
}
