namespace Platform.Metadata.Teams;

public sealed record TeamMember(Guid TeamId, Guid UserId, TeamRole Role, DateTimeOffset JoinedAt);
