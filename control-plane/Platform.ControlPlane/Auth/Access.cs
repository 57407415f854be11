using Platform.ControlPlane.Api;
using Platform.Metadata.Projects;
using Platform.Metadata.Teams;

namespace Platform.ControlPlane.Auth;

/// <summary>
/// The authorization matrix in one place: a caller outside the team gets 404 (ids do not leak), a member below the
/// needed role 403. A service account acts only in its own team, with its own role.
/// </summary>
public sealed class Access(TeamStore teams, ProjectAdminStore projects)
{
    public async Task<TeamRole> TeamAsync(Caller caller, Guid teamId, TeamRole needed, CancellationToken ct = default)
    {
        var role = await RoleAsync(caller, teamId, ct) ?? throw ApiException.NotFound("No such team.");
        return role >= needed ? role : throw ApiException.Forbidden();
    }

    public async Task<(ProjectSummary Project, TeamRole Role)> ProjectAsync(Caller caller, Guid projectId, TeamRole needed, CancellationToken ct = default)
    {
        // Projects made outside the API (the run.sh verb, tests) have no team: nobody reaches them through the API.
        if (await projects.GetAsync(projectId, ct) is not { TeamId: { } teamId } project
            || await RoleAsync(caller, teamId, ct) is not { } role)
        {
            throw ApiException.NotFound("No such project.");
        }

        return role >= needed ? (project, role) : throw ApiException.Forbidden();
    }

    private async Task<TeamRole?> RoleAsync(Caller caller, Guid teamId, CancellationToken ct) =>
        caller.ServiceAccount is { } sa
            ? (sa.TeamId == teamId ? sa.Role : null)
            : await teams.RoleOfAsync(teamId, caller.RequireUser(), ct);
}
