using Platform.Metadata.Audit;
using Platform.Metadata.Deployments;
using Platform.Metadata.Keys;
using Platform.Metadata.Projects;
using Platform.Metadata.Teams;
using Platform.Metadata.Tokens;

namespace Platform.ControlPlane.Api;

/// <summary>The JSON shapes of docs/control-plane-api.md, in one place so every endpoint answers alike.</summary>
public static class Views
{
    public static object Team(Team t) => new { id = t.Id, name = t.Name, personal = t.Personal, role = t.Role.ToWire(), createdAt = t.CreatedAt };

    public static object Token(PersonalAccessToken t) => new
    {
        id = t.Id, name = t.Name, prefix = t.Prefix, createdAt = t.CreatedAt, expiresAt = t.ExpiresAt, lastUsedAt = t.LastUsedAt, revokedAt = t.RevokedAt,
    };

    public static object Key(ApiKeyListing k) => new
    {
        id = k.Id, name = k.Name, role = k.Role.ToWire(), prefix = k.Prefix, createdAt = k.CreatedAt, lastUsedAt = k.LastUsedAt, expiresAt = k.ExpiresAt, revokedAt = k.RevokedAt,
    };

    public static object Connection(ProjectSummary p)
    {
        var b = p.ConnectionMasked is { } m && Uri.TryCreate(m, UriKind.Absolute, out var u) ? u : null;
        return new
        {
            masked = p.ConnectionMasked,
            host = b?.Host,
            port = b?.Port,
            database = b?.AbsolutePath.TrimStart('/'),
            username = b is null ? null : Uri.UnescapeDataString(b.UserInfo.Split(':')[0]),
            serverVersion = p.ServerVersion,
            checkedAt = p.ConnectionCheckedAt,
            updatedAt = p.UpdatedAt,
        };
    }

    public static object? Repository(RepositoryRecord? r, string controlPlaneUrl) => r is null ? null : new
    {
        url = r.Url,
        branch = r.Branch,
        folder = r.Folder,
        hasCredentials = r.HasCredentials,
        webhookUrl = $"{controlPlaneUrl.TrimEnd('/')}/api/hooks/git/{r.ProjectId}",
        webhookSecretSet = r.WebhookSecretSet,
        updatedAt = r.UpdatedAt,
    };

    public static object Deployment(DeploymentRecord d) => new
    {
        id = d.Id,
        projectId = d.ProjectId,
        status = d.Status,
        trigger = d.Trigger,
        branch = d.Branch,
        commit = d.Commit,
        createdBy = d.CreatedBy,
        createdAt = d.CreatedAt,
        startedAt = d.StartedAt,
        finishedAt = d.FinishedAt,
        migrationsApplied = d.MigrationsApplied,
        error = d.ErrorCode is null ? null : new { code = d.ErrorCode, message = d.ErrorMessage },
    };

    public static object Project(ProjectSummary p, RepositoryRecord? repo, DeploymentRecord? last, string gatewayUrl, string controlPlaneUrl)
    {
        var gw = gatewayUrl.TrimEnd('/');
        var ws = gw.StartsWith("https://", StringComparison.Ordinal) ? "wss://" + gw[8..] : gw.StartsWith("http://", StringComparison.Ordinal) ? "ws://" + gw[7..] : gw;
        return new
        {
            id = p.Id,
            teamId = p.TeamId,
            name = p.Name,
            createdAt = p.CreatedAt,
            updatedAt = p.UpdatedAt,
            connection = p.ConnectionMasked is null ? null : Connection(p),
            repository = Repository(repo, controlPlaneUrl),
            endpoints = new { graphql = gw + "/graphql", sql = gw + "/sql", websocket = ws + "/graphql" },
            lastDeployment = last is null ? null : Deployment(last),
        };
    }

    public static object Audit(AuditEntry e) => new
    {
        id = e.Id,
        at = e.At,
        actor = new { type = e.Actor.Type, id = e.Actor.Id, name = e.Actor.Name },
        action = e.Action,
        teamId = e.TeamId,
        projectId = e.ProjectId,
        target = e.Target is null ? null : new { type = e.Target.Type, id = e.Target.Id, name = e.Target.Name },
        details = e.Details,
    };

    public static object LogLine(DeploymentLogLine l) => new { seq = l.Seq, at = l.At, text = l.Text };

}
