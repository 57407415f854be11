namespace Platform.Metadata.Teams;

/// <summary>A team as one of its members sees it: with that member's role.</summary>
public sealed record Team(Guid Id, string Name, bool Personal, TeamRole Role, DateTimeOffset CreatedAt);
