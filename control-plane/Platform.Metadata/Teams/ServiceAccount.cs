namespace Platform.Metadata.Teams;

/// <summary>A team's OAuth client-credentials client; its secret is kept (hashed) by OpenIddict.</summary>
public sealed record ServiceAccount(Guid Id, Guid TeamId, string Name, string ClientId, TeamRole Role, DateTimeOffset CreatedAt);
