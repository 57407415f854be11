using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Platform.ControlPlane.Auth;
using Platform.ControlPlane.Hosting;
using Platform.ControlPlane.Identity;
using Platform.Metadata.Audit;
using Platform.Metadata.Outbox;
using Platform.Metadata.Security;
using Platform.Metadata.Teams;

namespace Platform.ControlPlane.Api;

/// <summary>/api/teams: teams, members, invitations and service accounts.</summary>
public static class TeamEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var teams = api.MapGroup("/teams").WithTags("Teams");
        teams.MapGet("", ListAsync);
        teams.MapPost("", CreateAsync);
        teams.MapGet("/{teamId:guid}", GetAsync);
        teams.MapPatch("/{teamId:guid}", RenameAsync);
        teams.MapDelete("/{teamId:guid}", DeleteAsync);
        teams.MapGet("/{teamId:guid}/members", MembersAsync);
        teams.MapPatch("/{teamId:guid}/members/{userId:guid}", SetRoleAsync);
        teams.MapDelete("/{teamId:guid}/members/{userId:guid}", RemoveMemberAsync);
        teams.MapGet("/{teamId:guid}/invitations", InvitationsAsync);
        teams.MapPost("/{teamId:guid}/invitations", InviteAsync);
        teams.MapDelete("/{teamId:guid}/invitations/{invitationId:guid}", CancelInvitationAsync);
        teams.MapGet("/{teamId:guid}/service-accounts", ServiceAccountsAsync);
        teams.MapPost("/{teamId:guid}/service-accounts", CreateServiceAccountAsync);
        teams.MapDelete("/{teamId:guid}/service-accounts/{id:guid}", DeleteServiceAccountAsync);
        api.MapPost("/invitations/accept", AcceptAsync).WithTags("Teams");
    }

    private static async Task<IResult> ListAsync(HttpContext http, TeamStore teams)
    {
        var caller = await http.CallerAsync();
        var q = PageQuery.From(http.Request);
        if (caller.ServiceAccount is { } sa)
        {
            var own = await teams.GetAsync(sa.TeamId, sa.Role, http.RequestAborted);
            return Results.Ok(new ListResponse<object>(own is null ? [] : [Views.Team(own)], null));
        }

        var page = await teams.ListForUserAsync(caller.RequireUser(), q.Limit, q.AfterKey, q.AfterId, http.RequestAborted);
        return Results.Ok(new ListResponse<object>(page.Items.Select(Views.Team).ToList(), page.NextCursor));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, TeamStore teams, AuditStore audit)
    {
        var caller = await http.CallerAsync();
        var user = caller.RequireUser();
        var name = TeamName(await http.Request.JsonBodyAsync());
        var team = await teams.CreateAsync(name, personal: false, user, http.RequestAborted);
        await audit.WriteAsync(team.Id, null, caller.Actor, "team.created", new AuditTarget("team", team.Id.ToString(), name), null, http.RequestAborted);
        return Results.Created($"/api/teams/{team.Id}", Views.Team(team));
    }

    private static async Task<IResult> GetAsync(HttpContext http, TeamStore teams, Access access, Guid teamId)
    {
        var role = await access.TeamAsync(await http.CallerAsync(), teamId, TeamRole.Viewer, http.RequestAborted);
        return Results.Ok(Views.Team((await teams.GetAsync(teamId, role, http.RequestAborted))!));
    }

    private static async Task<IResult> RenameAsync(HttpContext http, TeamStore teams, Access access, AuditStore audit, Guid teamId)
    {
        var caller = await http.CallerAsync();
        var role = await access.TeamAsync(caller, teamId, TeamRole.Admin, http.RequestAborted);
        var name = TeamName(await http.Request.JsonBodyAsync());
        await teams.RenameAsync(teamId, name, http.RequestAborted);
        await audit.WriteAsync(teamId, null, caller.Actor, "team.updated", new AuditTarget("team", teamId.ToString(), name), null, http.RequestAborted);
        return Results.Ok(Views.Team((await teams.GetAsync(teamId, role, http.RequestAborted))!));
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, TeamStore teams, Access access, AuditStore audit, Guid teamId)
    {
        var caller = await http.CallerAsync();
        var role = await access.TeamAsync(caller, teamId, TeamRole.Owner, http.RequestAborted);
        var team = (await teams.GetAsync(teamId, role, http.RequestAborted))!;
        if (team.Personal)
        {
            throw ApiException.Conflict("PERSONAL_TEAM", "A personal team cannot be deleted.");
        }

        if (!await teams.DeleteAsync(teamId, http.RequestAborted))
        {
            throw ApiException.Conflict("TEAM_NOT_EMPTY", "Delete the team's projects first.");
        }

        await audit.WriteAsync(teamId, null, caller.Actor, "team.deleted", new AuditTarget("team", teamId.ToString(), team.Name), null, http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> MembersAsync(HttpContext http, TeamStore teams, Access access, IdentityDb db, Guid teamId)
    {
        await access.TeamAsync(await http.CallerAsync(), teamId, TeamRole.Viewer, http.RequestAborted);
        var q = PageQuery.From(http.Request);
        var page = await teams.ListMembersAsync(teamId, q.Limit, q.AfterId, http.RequestAborted);
        var ids = page.Items.Select(m => m.UserId).ToList();
        var users = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, http.RequestAborted);
        return Results.Ok(new ListResponse<object>(page.Items.Select(m => (object)new
        {
            userId = m.UserId,
            email = users.GetValueOrDefault(m.UserId)?.Email,
            displayName = users.GetValueOrDefault(m.UserId)?.DisplayName,
            role = m.Role.ToWire(),
            joinedAt = m.JoinedAt,
        }).ToList(), page.NextCursor));
    }

    private static async Task<IResult> SetRoleAsync(HttpContext http, TeamStore teams, Access access, AuditStore audit, Guid teamId, Guid userId)
    {
        var caller = await http.CallerAsync();
        var mine = await access.TeamAsync(caller, teamId, TeamRole.Admin, http.RequestAborted);
        var role = Role(await http.Request.JsonBodyAsync(), allowOwner: true);
        var member = await teams.GetMemberAsync(teamId, userId, http.RequestAborted) ?? throw ApiException.NotFound("No such member.");
        if ((role == TeamRole.Owner || member.Role == TeamRole.Owner) && mine != TeamRole.Owner)
        {
            throw ApiException.Forbidden("Only an owner can grant or take the owner role.");
        }

        try
        {
            await teams.SetRoleAsync(teamId, userId, role, http.RequestAborted);
        }
        catch (LastOwnerException e)
        {
            throw ApiException.Conflict("LAST_OWNER", e.Message);
        }

        await audit.WriteAsync(teamId, null, caller.Actor, "member.role-changed", new AuditTarget("user", userId.ToString(), null),
            new JsonObject { ["from"] = member.Role.ToWire(), ["to"] = role.ToWire() }, http.RequestAborted);
        return Results.Ok(new { userId, role = role.ToWire(), joinedAt = member.JoinedAt });
    }

    private static async Task<IResult> RemoveMemberAsync(HttpContext http, TeamStore teams, Access access, AuditStore audit, Guid teamId, Guid userId)
    {
        var caller = await http.CallerAsync();
        var leaving = caller.UserId == userId;
        var mine = await access.TeamAsync(caller, teamId, leaving ? TeamRole.Viewer : TeamRole.Admin, http.RequestAborted);
        var member = await teams.GetMemberAsync(teamId, userId, http.RequestAborted) ?? throw ApiException.NotFound("No such member.");
        if (!leaving && member.Role == TeamRole.Owner && mine != TeamRole.Owner)
        {
            throw ApiException.Forbidden("Only an owner can remove an owner.");
        }

        try
        {
            await teams.RemoveMemberAsync(teamId, userId, http.RequestAborted);
        }
        catch (LastOwnerException e)
        {
            throw ApiException.Conflict("LAST_OWNER", e.Message);
        }

        await audit.WriteAsync(teamId, null, caller.Actor, "member.removed", new AuditTarget("user", userId.ToString(), null),
            new JsonObject { ["role"] = member.Role.ToWire(), ["left"] = leaving }, http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> InvitationsAsync(HttpContext http, InvitationStore invitations, Access access, Guid teamId)
    {
        await access.TeamAsync(await http.CallerAsync(), teamId, TeamRole.Admin, http.RequestAborted);
        var q = PageQuery.From(http.Request);
        var page = await invitations.ListPendingAsync(teamId, q.Limit, q.AfterId, http.RequestAborted);
        return Results.Ok(new ListResponse<object>(page.Items.Select(i => (object)new
        {
            id = i.Id, email = i.Email, role = i.Role.ToWire(), createdAt = i.CreatedAt, expiresAt = i.ExpiresAt, invitedBy = i.InvitedBy,
        }).ToList(), page.NextCursor));
    }

    private static async Task<IResult> InviteAsync(
        HttpContext http, InvitationStore invitations, TeamStore teams, Access access, AuditStore audit, OutboxStore outbox,
        Microsoft.Extensions.Options.IOptions<ControlPlaneOptions> options, Guid teamId)
    {
        var caller = await http.CallerAsync();
        var mine = await access.TeamAsync(caller, teamId, TeamRole.Admin, http.RequestAborted);
        var body = await http.Request.JsonBodyAsync();
        var email = body.RequiredString("email", 254).Trim();
        if (!email.Contains('@', StringComparison.Ordinal))
        {
            throw ApiException.Invalid("email", "must be an email address");
        }

        var role = Role(body, allowOwner: true);
        if (role == TeamRole.Owner && mine != TeamRole.Owner)
        {
            throw ApiException.Forbidden("Only an owner can invite an owner.");
        }

        var team = (await teams.GetAsync(teamId, mine, http.RequestAborted))!;
        var (invitation, token) = await invitations.CreateAsync(teamId, email, role, caller.UserId ?? Guid.Empty, http.RequestAborted);
        var link = $"{options.Value.PortalUrl.TrimEnd('/')}/invitations/accept?token={Uri.EscapeDataString(token)}";
        await outbox.AddAsync(email, "invitation", $"You are invited to {team.Name}",
            $"{caller.Name} invited you to the team {team.Name} as {role.ToWire()}. Open this link to join: {link}", link, token, http.RequestAborted);
        await audit.WriteAsync(teamId, null, caller.Actor, "member.invited", new AuditTarget("invitation", invitation.Id.ToString(), email),
            new JsonObject { ["role"] = role.ToWire() }, http.RequestAborted);
        return Results.Created($"/api/teams/{teamId}/invitations/{invitation.Id}", new
        {
            id = invitation.Id, email, role = role.ToWire(), expiresAt = invitation.ExpiresAt, token,
        });
    }

    private static async Task<IResult> CancelInvitationAsync(HttpContext http, InvitationStore invitations, Access access, Guid teamId, Guid invitationId)
    {
        await access.TeamAsync(await http.CallerAsync(), teamId, TeamRole.Admin, http.RequestAborted);
        return await invitations.DeleteAsync(teamId, invitationId, http.RequestAborted) ? Results.NoContent() : throw ApiException.NotFound("No such invitation.");
    }

    private static async Task<IResult> AcceptAsync(HttpContext http, InvitationStore invitations, TeamStore teams, AuditStore audit)
    {
        var caller = await http.CallerAsync();
        var user = caller.RequireUser();
        var token = (await http.Request.JsonBodyAsync()).RequiredString("token", 200);
        var invitation = await invitations.ConsumeAsync(token, http.RequestAborted)
            ?? throw new ApiException(400, "INVALID_TOKEN", "The invitation is unknown, used or expired.");
        var role = await teams.AddMemberAsync(invitation.TeamId, user, invitation.Role, http.RequestAborted);
        await audit.WriteAsync(invitation.TeamId, null, caller.Actor, "member.joined", new AuditTarget("user", user.ToString(), caller.Name),
            new JsonObject { ["role"] = role.ToWire(), ["invitationId"] = invitation.Id.ToString() }, http.RequestAborted);
        return Results.Ok(new { teamId = invitation.TeamId, role = role.ToWire() });
    }

    private static async Task<IResult> ServiceAccountsAsync(HttpContext http, ServiceAccountStore accounts, Access access, Guid teamId)
    {
        await access.TeamAsync(await http.CallerAsync(), teamId, TeamRole.Admin, http.RequestAborted);
        var q = PageQuery.From(http.Request);
        var page = await accounts.ListAsync(teamId, q.Limit, q.AfterId, http.RequestAborted);
        return Results.Ok(new ListResponse<object>(page.Items.Select(s => (object)new
        {
            id = s.Id, name = s.Name, clientId = s.ClientId, role = s.Role.ToWire(), createdAt = s.CreatedAt,
        }).ToList(), page.NextCursor));
    }

    private static async Task<IResult> CreateServiceAccountAsync(
        HttpContext http, ServiceAccountStore accounts, Access access, AuditStore audit, IOpenIddictApplicationManager apps, Guid teamId)
    {
        var caller = await http.CallerAsync();
        await access.TeamAsync(caller, teamId, TeamRole.Admin, http.RequestAborted);
        var body = await http.Request.JsonBodyAsync();
        var name = body.RequiredString("name", 100);
        var role = Role(body, allowOwner: false);
        var clientId = "sa_" + Guid.CreateVersion7().ToString("N");
        var secret = OpaqueToken.Generate("sas_");
        await apps.CreateAsync(OidcClients.ServiceAccount(clientId, secret, name), http.RequestAborted);
        var sa = await accounts.CreateAsync(teamId, name, clientId, role, http.RequestAborted);
        await audit.WriteAsync(teamId, null, caller.Actor, "service-account.created", new AuditTarget("service-account", clientId, name),
            new JsonObject { ["role"] = role.ToWire() }, http.RequestAborted);
        return Results.Created($"/api/teams/{teamId}/service-accounts/{sa.Id}", new
        {
            id = sa.Id, name, clientId, clientSecret = secret, role = role.ToWire(), createdAt = sa.CreatedAt,
        });
    }

    private static async Task<IResult> DeleteServiceAccountAsync(
        HttpContext http, ServiceAccountStore accounts, Access access, AuditStore audit, IOpenIddictApplicationManager apps, Guid teamId, Guid id)
    {
        var caller = await http.CallerAsync();
        await access.TeamAsync(caller, teamId, TeamRole.Admin, http.RequestAborted);
        var sa = await accounts.GetAsync(teamId, id, http.RequestAborted) ?? throw ApiException.NotFound("No such service account.");
        await accounts.DeleteAsync(teamId, id, http.RequestAborted);
        if (await apps.FindByClientIdAsync(sa.ClientId, http.RequestAborted) is { } app)
        {
            await apps.DeleteAsync(app, http.RequestAborted);
        }

        await audit.WriteAsync(teamId, null, caller.Actor, "service-account.deleted", new AuditTarget("service-account", sa.ClientId, sa.Name), null, http.RequestAborted);
        return Results.NoContent();
    }

    private static string TeamName(System.Text.Json.JsonElement body)
    {
        var name = body.RequiredString("name", 100).Trim();
        return name.Length > 0 ? name : throw ApiException.Invalid("name", "is required");
    }

    private static TeamRole Role(System.Text.Json.JsonElement body, bool allowOwner)
    {
        var value = body.RequiredString("role", 20);
        if (!TeamRoles.TryParse(value, out var role) || (!allowOwner && role == TeamRole.Owner))
        {
            throw ApiException.Invalid("role", allowOwner ? "must be owner, admin, developer or viewer" : "must be admin, developer or viewer");
        }

        return role;
    }
}
