using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Platform.ControlPlane.Auth;
using Platform.ControlPlane.Hosting;
using Platform.Metadata;
using Platform.Metadata.Audit;
using Platform.Metadata.Deployments;
using Platform.Metadata.Keys;
using Platform.Metadata.Projects;
using Platform.Metadata.Teams;

namespace Platform.ControlPlane.Api;

/// <summary>/api/teams/{id}/projects and /api/projects/{id}: projects, their settings, connection and API keys.</summary>
public static partial class ProjectEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var team = api.MapGroup("/teams/{teamId:guid}").WithTags("Projects");
        team.MapGet("/projects", ListAsync);
        team.MapPost("/projects", CreateAsync);
        team.MapPost("/connection-check", CheckAsync);

        var project = api.MapGroup("/projects/{projectId:guid}").WithTags("Projects");
        project.MapGet("", GetAsync);
        project.MapPatch("", RenameAsync);
        project.MapDelete("", DeleteAsync);
        project.MapGet("/settings", GetSettingsAsync);
        project.MapPut("/settings", PutSettingsAsync);
        project.MapGet("/connection", GetConnectionAsync);
        project.MapPut("/connection", PutConnectionAsync);

        var keys = api.MapGroup("/projects/{projectId:guid}/keys").WithTags("API keys");
        keys.MapGet("", ListKeysAsync);
        keys.MapPost("", CreateKeyAsync);
        keys.MapDelete("/{keyId:guid}", RevokeKeyAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, ProjectAdminStore projects, RepositoryStore repos, DeploymentStore deployments,
        Access access, IOptions<ControlPlaneOptions> options, Guid teamId)
    {
        await access.TeamAsync(await http.CallerAsync(), teamId, TeamRole.Viewer, http.RequestAborted);
        var q = PageQuery.From(http.Request);
        var page = await projects.ListAsync(teamId, q.Limit, q.AfterKey, q.AfterId, http.RequestAborted);
        var items = new List<object>();
        foreach (var p in page.Items)
        {
            items.Add(await ViewAsync(http, p, repos, deployments, options.Value));
        }

        return Results.Ok(new ListResponse<object>(items, page.NextCursor));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ProjectAdminStore projects, TenantConnectionCheck check, Access access, AuditStore audit,
        IOptions<ControlPlaneOptions> options, Guid teamId)
    {
        var caller = await http.CallerAsync();
        await access.TeamAsync(caller, teamId, TeamRole.Developer, http.RequestAborted);
        var body = await http.Request.JsonBodyAsync();
        var name = body.RequiredString("name", 63);
        if (!ProjectName().IsMatch(name))
        {
            throw ApiException.Invalid("name", "must start with a letter and hold 2-63 lowercase letters, digits and '-'");
        }

        var settings = body.TryGetProperty("settings", out var s) && s.ValueKind != JsonValueKind.Null ? ParseSettings(s.GetRawText()) : new ProjectSettings();
        var (normalized, result) = await CheckLiveAsync(check, body.RequiredString("connectionString", 4000), settings, http.RequestAborted);
        var id = await projects.CreateAsync(teamId, name, normalized, result.ServerVersion, settings, http.RequestAborted)
            ?? throw ApiException.Conflict("PROJECT_NAME_TAKEN", $"A project named '{name}' exists; choose another name.");
        await audit.WriteAsync(teamId, id, caller.Actor, "project.created", new AuditTarget("project", id.ToString(), name), null, http.RequestAborted);
        var project = (await projects.GetAsync(id, http.RequestAborted))!;
        return Results.Created($"/api/projects/{id}", Views.Project(project, null, null, options.Value.GatewayUrl, http.Request.BaseUrl()));
    }

    private static async Task<IResult> CheckAsync(HttpContext http, TenantConnectionCheck check, Access access, Guid teamId)
    {
        await access.TeamAsync(await http.CallerAsync(), teamId, TeamRole.Developer, http.RequestAborted);
        var body = await http.Request.JsonBodyAsync();
        var settings = body.TryGetProperty("settings", out var s) && s.ValueKind != JsonValueKind.Null ? ParseSettings(s.GetRawText()) : null;
        var (_, result) = await CheckLiveAsync(check, body.RequiredString("connectionString", 4000), settings, http.RequestAborted);
        return Results.Ok(new { ok = true, serverVersion = result.ServerVersion, database = result.Database, username = result.Username });
    }

    private static async Task<IResult> GetAsync(HttpContext http, RepositoryStore repos, DeploymentStore deployments, Access access,
        IOptions<ControlPlaneOptions> options, Guid projectId)
    {
        var (project, _) = await access.ProjectAsync(await http.CallerAsync(), projectId, TeamRole.Viewer, http.RequestAborted);
        return Results.Ok(await ViewAsync(http, project, repos, deployments, options.Value));
    }

    private static async Task<IResult> RenameAsync(HttpContext http, ProjectAdminStore projects, RepositoryStore repos, DeploymentStore deployments, Access access,
        AuditStore audit, IOptions<ControlPlaneOptions> options, Guid projectId)
    {
        var caller = await http.CallerAsync();
        var (project, _) = await access.ProjectAsync(caller, projectId, TeamRole.Admin, http.RequestAborted);
        var name = (await http.Request.JsonBodyAsync()).RequiredString("name", 63);
        if (!ProjectName().IsMatch(name))
        {
            throw ApiException.Invalid("name", "must start with a letter and hold 2-63 lowercase letters, digits and '-'");
        }

        if (!await projects.RenameAsync(projectId, name, http.RequestAborted))
        {
            throw ApiException.Conflict("PROJECT_NAME_TAKEN", $"A project named '{name}' exists; choose another name.");
        }

        await audit.WriteAsync(project.TeamId, projectId, caller.Actor, "project.updated", new AuditTarget("project", projectId.ToString(), name),
            new JsonObject { ["from"] = project.Name }, http.RequestAborted);
        return Results.Ok(await ViewAsync(http, (await projects.GetAsync(projectId, http.RequestAborted))!, repos, deployments, options.Value));
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, ProjectAdminStore projects, Access access, AuditStore audit, SiloReloader reloader, Guid projectId)
    {
        var caller = await http.CallerAsync();
        var (project, _) = await access.ProjectAsync(caller, projectId, TeamRole.Admin, http.RequestAborted);
        // Deleting the row deletes its keys; each deleted key notifies the gateways, which drop it at once.
        await projects.DeleteAsync(projectId, http.RequestAborted);
        // The grain learns on its next reload that its project is gone.
        await reloader.ReloadAsync(projectId, http.RequestAborted);
        await audit.WriteAsync(project.TeamId, projectId, caller.Actor, "project.deleted", new AuditTarget("project", projectId.ToString(), project.Name), null, http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> GetSettingsAsync(HttpContext http, ProjectAdminStore projects, Access access, Guid projectId)
    {
        await access.ProjectAsync(await http.CallerAsync(), projectId, TeamRole.Viewer, http.RequestAborted);
        var stored = await projects.GetSettingsAsync(projectId, http.RequestAborted) ?? throw ApiException.NotFound("No such project.");
        http.Response.Headers.ETag = Quote(stored.ETag);
        http.Response.Headers["X-Jwt-Secret-Set"] = stored.JwtSecretSet ? "true" : "false";
        return Results.Text(stored.Settings.ToStoredJson(), "application/json");
    }

    private static async Task<IResult> PutSettingsAsync(HttpContext http, ProjectAdminStore projects, Access access, AuditStore audit, Guid projectId)
    {
        var caller = await http.CallerAsync();
        var (project, _) = await access.ProjectAsync(caller, projectId, TeamRole.Developer, http.RequestAborted);
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length == 0)
        {
            throw new ApiException(428, "PRECONDITION_REQUIRED", "Send If-Match with the ETag of the settings you edited.");
        }

        using var reader = new StreamReader(http.Request.Body);
        var current = await projects.GetSettingsAsync(projectId, http.RequestAborted) ?? throw ApiException.NotFound("No such project.");
        var settings = ParseSettings(await reader.ReadToEndAsync(http.RequestAborted), current.JwtSecretSet);
        var etag = await projects.UpdateSettingsAsync(projectId, settings, Unquote(ifMatch), http.RequestAborted);
        if (etag is null)
        {
            throw new ApiException(412, "STALE_ETAG", "The settings changed since you read them; read them again and re-apply your change.");
        }

        // No reload call: the row's trigger notifies every silo and gateway once the change commits (decision 0051).
        await audit.WriteAsync(project.TeamId, projectId, caller.Actor, "settings.changed", new AuditTarget("project", projectId.ToString(), project.Name),
            new JsonObject { ["settings"] = JsonNode.Parse(settings.ToStoredJson()), ["jwtSecretChanged"] = settings.Jwt?.Secret is not null }, http.RequestAborted);
        var stored = (await projects.GetSettingsAsync(projectId, http.RequestAborted))!;
        http.Response.Headers.ETag = Quote(stored.ETag);
        http.Response.Headers["X-Jwt-Secret-Set"] = stored.JwtSecretSet ? "true" : "false";
        return Results.Text(stored.Settings.ToStoredJson(), "application/json");
    }

    private static async Task<IResult> GetConnectionAsync(HttpContext http, Access access, Guid projectId)
    {
        var (project, _) = await access.ProjectAsync(await http.CallerAsync(), projectId, TeamRole.Viewer, http.RequestAborted);
        return Results.Ok(Views.Connection(project));
    }

    private static async Task<IResult> PutConnectionAsync(HttpContext http, ProjectAdminStore projects, TenantConnectionCheck check, Access access,
        AuditStore audit, Guid projectId)
    {
        var caller = await http.CallerAsync();
        var (project, _) = await access.ProjectAsync(caller, projectId, TeamRole.Developer, http.RequestAborted);
        var body = await http.Request.JsonBodyAsync();
        var settings = (await projects.GetSettingsAsync(projectId, http.RequestAborted))?.Settings;
        var (normalized, result) = await CheckLiveAsync(check, body.RequiredString("connectionString", 4000), settings, http.RequestAborted);
        // The row's trigger tells the silos and gateways (decision 0051); a reload call would rebuild the grain twice.
        await projects.UpdateConnectionAsync(projectId, normalized, result.ServerVersion, http.RequestAborted);
        var updated = (await projects.GetAsync(projectId, http.RequestAborted))!;
        await audit.WriteAsync(project.TeamId, projectId, caller.Actor, "connection.changed", new AuditTarget("project", projectId.ToString(), project.Name),
            new JsonObject { ["masked"] = updated.ConnectionMasked }, http.RequestAborted);
        return Results.Ok(Views.Connection(updated));
    }

    private static async Task<IResult> ListKeysAsync(HttpContext http, ApiKeyStore keys, Access access, Guid projectId, bool? includeRevoked)
    {
        await access.ProjectAsync(await http.CallerAsync(), projectId, TeamRole.Viewer, http.RequestAborted);
        var q = PageQuery.From(http.Request);
        var page = await keys.ListAsync(projectId, includeRevoked == true, q.Limit, q.AfterId, http.RequestAborted);
        return Results.Ok(new ListResponse<object>(page.Items.Select(Views.Key).ToList(), page.NextCursor));
    }

    private static async Task<IResult> CreateKeyAsync(HttpContext http, ApiKeyStore keys, Access access, AuditStore audit, Guid projectId)
    {
        var caller = await http.CallerAsync();
        var (project, _) = await access.ProjectAsync(caller, projectId, TeamRole.Developer, http.RequestAborted);
        var body = await http.Request.JsonBodyAsync();
        var roleText = body.RequiredString("role", 20);
        var role = roleText switch
        {
            "anon" => ApiKeyRole.Anon,
            "service" => ApiKeyRole.Service,
            _ => throw ApiException.Invalid("role", "must be anon or service"),
        };

        var name = body.RequiredString("name", 100);
        var expires = body.OptionalTime("expiresAt");
        if (expires is { } e && e <= DateTimeOffset.UtcNow)
        {
            throw ApiException.Invalid("expiresAt", "must be in the future");
        }

        var issued = await keys.IssueAsync(projectId, role, name, expires, http.RequestAborted);
        await audit.WriteAsync(project.TeamId, projectId, caller.Actor, "key.created", new AuditTarget("key", issued.Id.ToString(), name),
            new JsonObject { ["role"] = role.ToWire(), ["prefix"] = ApiKeySecret.Prefix(issued.Key) }, http.RequestAborted);
        return Results.Created($"/api/projects/{projectId}/keys/{issued.Id}", new
        {
            id = issued.Id, name, role = role.ToWire(), prefix = ApiKeySecret.Prefix(issued.Key), createdAt = DateTimeOffset.UtcNow,
            lastUsedAt = (DateTimeOffset?)null, expiresAt = expires, revokedAt = (DateTimeOffset?)null, key = issued.Key,
        });
    }

    private static async Task<IResult> RevokeKeyAsync(HttpContext http, ApiKeyStore keys, Access access, AuditStore audit, Guid projectId, Guid keyId)
    {
        var caller = await http.CallerAsync();
        var (project, _) = await access.ProjectAsync(caller, projectId, TeamRole.Developer, http.RequestAborted);
        if (await keys.RevokeAsync(projectId, keyId, http.RequestAborted) == 0)
        {
            throw ApiException.NotFound("No such active key.");
        }

        await audit.WriteAsync(project.TeamId, projectId, caller.Actor, "key.revoked", new AuditTarget("key", keyId.ToString(), null), null, http.RequestAborted);
        return Results.NoContent();
    }

    /// <summary>Parses and validates a settings document, naming each bad field.</summary>
    public static ProjectSettings ParseSettings(string json, bool secretStored = false)
    {
        ProjectSettings settings;
        try
        {
            settings = ProjectSettings.Parse(json);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } p ? p.TrimStart('$', '.') : "settings";
            var message = e.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "is not a setting" : "has the wrong type or is not valid JSON";
            throw ApiException.Invalid(field.Length == 0 ? "settings" : field, message);
        }

        var problems = settings.Problems(secretStored);
        if (problems.Count == 0)
        {
            return settings;
        }

        var errors = new Dictionary<string, string[]>();
        foreach (var problem in problems)
        {
            var space = problem.IndexOf(' ', StringComparison.Ordinal);
            var field = space > 0 ? problem[..space] : "settings";
            errors[field] = [.. errors.GetValueOrDefault(field) ?? [], space > 0 ? problem[(space + 1)..] : problem];
        }

        throw ApiException.Invalid(errors);
    }

    private static async Task<(string Normalized, ConnectionCheckResult Result)> CheckLiveAsync(
        TenantConnectionCheck check, string connectionString, ProjectSettings? settings, CancellationToken ct)
    {
        string normalized;
        try
        {
            normalized = PostgresConnectionString.Normalize(connectionString);
        }
        catch (ArgumentException)
        {
            // The message of a parse failure could echo part of the string; this one cannot.
            throw ApiException.Invalid("connectionString", "is not a PostgreSQL URL (postgres://user:password@host:5432/database) or key=value connection string");
        }

        var result = await check.CheckAsync(normalized, settings, ct);
        return result.Ok ? (normalized, result) : throw new ApiException(422, result.Code!, result.Message!);
    }

    private static async Task<object> ViewAsync(HttpContext http, ProjectSummary p, RepositoryStore repos, DeploymentStore deployments, ControlPlaneOptions options) =>
        Views.Project(p, await repos.GetAsync(p.Id, http.RequestAborted), await deployments.LastAsync(p.Id, http.RequestAborted), options.GatewayUrl, http.Request.BaseUrl());

    private static string Quote(string etag) => "\"" + etag + "\"";

    private static string Unquote(string etag)
    {
        etag = etag.Trim();
        if (etag.StartsWith("W/", StringComparison.Ordinal))
        {
            etag = etag[2..];
        }

        return etag.Trim('"');
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,62}$")]
    private static partial Regex ProjectName();
}
