using Platform.ControlPlane.Api;
using Platform.Metadata.Audit;
using Platform.Metadata.Teams;

namespace Platform.ControlPlane.Auth;

/// <summary>Who is calling the API: a user (by access token or PAT) or a team's service account (client credentials).</summary>
public sealed record Caller(Guid? UserId, string Name, ServiceAccount? ServiceAccount)
{
    public AuditActor Actor => ServiceAccount is { } sa
        ? new AuditActor("service-account", sa.ClientId, sa.Name)
        : new AuditActor("user", UserId?.ToString(), Name);

    /// <summary>The user's id; service accounts are refused endpoints that only people may use (their account, tokens, team list).</summary>
    public Guid RequireUser() => UserId ?? throw ApiException.Forbidden("Service accounts cannot use this endpoint.");
}
