namespace Platform.Metadata.Teams;

public sealed record Invitation(Guid Id, Guid TeamId, string Email, TeamRole Role, Guid InvitedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
