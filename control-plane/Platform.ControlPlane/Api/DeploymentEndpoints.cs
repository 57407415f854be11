using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Platform.ControlPlane.Auth;
using Platform.ControlPlane.Deployments;
using Platform.ControlPlane.Hosting;
using Platform.Metadata.Audit;
using Platform.Metadata.Deployments;
using Platform.Metadata.Projects;
using Platform.Metadata.Teams;

namespace Platform.ControlPlane.Api;

/// <summary>A project's repository, its deployments with their logs (also as a server-sent event stream), and the git webhook.</summary>
public static partial class DeploymentEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var project = api.MapGroup("/projects/{projectId:guid}").WithTags("Deployments");
        project.MapGet("/repository", GetRepositoryAsync);
        project.MapPut("/repository", PutRepositoryAsync);
        project.MapDelete("/repository", DeleteRepositoryAsync);
        project.MapPost("/repository/webhook-secret", RotateSecretAsync);
        project.MapGet("/deployments", ListAsync);
        project.MapPost("/deployments", StartAsync);
        project.MapGet("/deployments/{deploymentId:guid}", GetAsync);
        project.MapGet("/deployments/{deploymentId:guid}/log", LogAsync);
        project.MapGet("/deployments/{deploymentId:guid}/log/stream", StreamAsync);
        api.MapPost("/hooks/git/{projectId:guid}", WebhookAsync).WithTags("Deployments");
    }

    private static async Task<IResult> GetRepositoryAsync(HttpContext http, RepositoryStore repos, Access access, Guid projectId)
    {
        await access.ProjectAsync(await http.CallerAsync(), projectId, TeamRole.Viewer, http.RequestAborted);
        var repo = await repos.GetAsync(projectId, http.RequestAborted) ?? throw ApiException.NotFound("The project has no repository.");
        return Results.Ok(Views.Repository(repo, http.Request.BaseUrl()));
    }

    private static async Task<IResult> PutRepositoryAsync(HttpContext http, RepositoryStore repos, Access access, AuditStore audit,
        IOptions<ControlPlaneOptions> options, Guid projectId)
    {
        var caller = await http.CallerAsync();
        var (project, _) = await access.ProjectAsync(caller, projectId, TeamRole.Developer, http.RequestAborted);
        var body = await http.Request.JsonBodyAsync();
        var url = body.RequiredString("url", 2000).Trim();
        var allowFile = options.Value.Deployments.AllowFileRepositories == true;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (allowFile && uri.Scheme == Uri.UriSchemeFile)))
        {
            throw ApiException.Invalid("url", allowFile ? "must be an https:// or file:// URL" : "must be an https:// URL");
        }

        if (uri.UserInfo.Length > 0)
        {
            throw ApiException.Invalid("url", "must not hold credentials; send username and password apart (they are stored encrypted)");
        }

        var branch = body.OptionalString("branch", 200) ?? "main";
        if (!BranchName().IsMatch(branch) || branch.Contains("..", StringComparison.Ordinal) || branch.EndsWith('/') || branch.EndsWith(".lock", StringComparison.Ordinal))
        {
            throw ApiException.Invalid("branch", "is not a valid branch name");
        }

        var folder = (body.OptionalString("folder", 500) ?? "").Trim().Trim('/');
        if (folder.Split('/').Any(p => p is ".." or "." ) || folder.Contains('\\', StringComparison.Ordinal) || folder.Contains('\0', StringComparison.Ordinal))
        {
            throw ApiException.Invalid("folder", "must be a relative path inside the repository, without '.' or '..'");
        }

        var username = body.OptionalString("username", 200);
        var password = body.OptionalString("password", 2000);
        if ((username is null) != (password is null))
        {
            throw ApiException.Invalid(username is null ? "username" : "password", "username and password go together");
        }

        var repo = await repos.SetAsync(projectId, url, branch, folder, username is null ? null : new RepositoryCredentials(username, password!), http.RequestAborted);
        if (!repo.WebhookSecretSet)
        {
            await repos.RotateWebhookSecretAsync(projectId, http.RequestAborted);
            repo = (await repos.GetAsync(projectId, http.RequestAborted))!;
        }

        await audit.WriteAsync(project.TeamId, projectId, caller.Actor, "repository.changed", new AuditTarget("project", projectId.ToString(), project.Name),
            new JsonObject { ["url"] = url, ["branch"] = branch, ["folder"] = folder, ["credentials"] = username is not null }, http.RequestAborted);
        return Results.Ok(Views.Repository(repo, http.Request.BaseUrl()));
    }

    private static async Task<IResult> DeleteRepositoryAsync(HttpContext http, RepositoryStore repos, Access access, AuditStore audit, Guid projectId)
    {
        var caller = await http.CallerAsync();
        var (project, _) = await access.ProjectAsync(caller, projectId, TeamRole.Developer, http.RequestAborted);
        if (!await repos.DeleteAsync(projectId, http.RequestAborted))
        {
            throw ApiException.NotFound("The project has no repository.");
        }

        await audit.WriteAsync(project.TeamId, projectId, caller.Actor, "repository.changed", new AuditTarget("project", projectId.ToString(), project.Name),
            new JsonObject { ["removed"] = true }, http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> RotateSecretAsync(HttpContext http, RepositoryStore repos, Access access, AuditStore audit, Guid projectId)
    {
        var caller = await http.CallerAsync();
        var (project, _) = await access.ProjectAsync(caller, projectId, TeamRole.Admin, http.RequestAborted);
        var secret = await repos.RotateWebhookSecretAsync(projectId, http.RequestAborted) ?? throw ApiException.NotFound("The project has no repository.");
        await audit.WriteAsync(project.TeamId, projectId, caller.Actor, "webhook-secret.rotated", new AuditTarget("project", projectId.ToString(), project.Name), null, http.RequestAborted);
        return Results.Ok(new { secret });
    }

    private static async Task<IResult> ListAsync(HttpContext http, DeploymentStore deployments, Access access, Guid projectId)
    {
        await access.ProjectAsync(await http.CallerAsync(), projectId, TeamRole.Viewer, http.RequestAborted);
        var q = PageQuery.From(http.Request);
        var page = await deployments.ListAsync(projectId, q.Limit, q.AfterId, http.RequestAborted);
        return Results.Ok(new ListResponse<object>(page.Items.Select(Views.Deployment).ToList(), page.NextCursor));
    }

    private static async Task<IResult> StartAsync(HttpContext http, DeploymentQueue queue, Access access, Guid projectId)
    {
        var caller = await http.CallerAsync();
        var (project, _) = await access.ProjectAsync(caller, projectId, TeamRole.Developer, http.RequestAborted);
        var d = await queue.EnqueueAsync(projectId, project.TeamId, "manual", null, caller.Actor, http.RequestAborted);
        return Results.Accepted($"/api/projects/{projectId}/deployments/{d.Id}", Views.Deployment(d));
    }

    private static async Task<IResult> GetAsync(HttpContext http, DeploymentStore deployments, Access access, Guid projectId, Guid deploymentId)
    {
        await access.ProjectAsync(await http.CallerAsync(), projectId, TeamRole.Viewer, http.RequestAborted);
        return Results.Ok(Views.Deployment(await FindAsync(deployments, projectId, deploymentId, http.RequestAborted)));
    }

    private static async Task<IResult> LogAsync(HttpContext http, DeploymentStore deployments, Access access, Guid projectId, Guid deploymentId, int? after)
    {
        await access.ProjectAsync(await http.CallerAsync(), projectId, TeamRole.Viewer, http.RequestAborted);
        var d = await FindAsync(deployments, projectId, deploymentId, http.RequestAborted);
        var lines = await deployments.LogAsync(deploymentId, after ?? 0, http.RequestAborted);
        return Results.Ok(new { status = d.Status, lines = lines.Select(Views.LogLine), done = d.Done });
    }

    /// <summary>Server-sent events: every line so far (or after Last-Event-ID), then new ones as they are written, then "end".</summary>
    private static async Task StreamAsync(HttpContext http, DeploymentStore deployments, Access access, Guid projectId, Guid deploymentId)
    {
        await access.ProjectAsync(await http.CallerAsync(), projectId, TeamRole.Viewer, http.RequestAborted);
        await FindAsync(deployments, projectId, deploymentId, http.RequestAborted);
        var seq = int.TryParse(http.Request.Headers["Last-Event-ID"], out var last) ? last : 0;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var ct = http.RequestAborted;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                // Status first, lines second: a deployment that ends between the two reads still has all its lines sent.
                var d = (await deployments.GetAsync(deploymentId, ct))!;
                foreach (var line in await deployments.LogAsync(deploymentId, seq, ct))
                {
                    await http.Response.WriteAsync($"event: line\nid: {line.Seq}\ndata: {JsonSerializer.Serialize(Views.LogLine(line), JsonSerializerOptions.Web)}\n\n", ct);
                    seq = line.Seq;
                }

                if (d.Done)
                {
                    var end = new { status = d.Status, error = d.ErrorCode is null ? null : new { code = d.ErrorCode, message = d.ErrorMessage } };
                    await http.Response.WriteAsync($"event: end\ndata: {JsonSerializer.Serialize(end, JsonSerializerOptions.Web)}\n\n", ct);
                    return;
                }

                await http.Response.Body.FlushAsync(ct);
                await Task.Delay(300, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The reader went away.
        }
    }

    /// <summary>
    /// GitHub's push webhook: the raw body's HMAC-SHA256 with the project's webhook secret must match
    /// X-Hub-Signature-256, compared in constant time. A push to the configured branch starts a deployment.
    /// </summary>
    private static async Task<IResult> WebhookAsync(HttpContext http, RepositoryStore repos, ProjectAdminStore projects, DeploymentQueue queue, Guid projectId)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        if (buffer.Length > 5 << 20)
        {
            throw new ApiException(413, "BODY_TOO_LARGE", "The webhook body is over 5 MiB.");
        }

        var body = buffer.ToArray();
        var secret = await repos.WebhookSecretAsync(projectId, http.RequestAborted);
        var repo = await repos.GetAsync(projectId, http.RequestAborted);
        var project = await projects.GetAsync(projectId, http.RequestAborted);
        if (secret is null || repo is null || project is null)
        {
            throw ApiException.NotFound("No such project, or it has no repository.");
        }

        var given = http.Request.Headers["X-Hub-Signature-256"].ToString();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given.Trim())))
        {
            throw new ApiException(401, "INVALID_SIGNATURE", "X-Hub-Signature-256 is missing or does not match the project's webhook secret.");
        }

        var evt = http.Request.Headers["X-GitHub-Event"].ToString();
        if (evt == "ping")
        {
            return Results.Ok(new { ignored = "ping" });
        }

        if (evt is not ("push" or ""))
        {
            return Results.Ok(new { ignored = $"event {evt}" });
        }

        string? reference = null, after = null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            reference = doc.RootElement.TryGetProperty("ref", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            after = doc.RootElement.TryGetProperty("after", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        }
        catch (JsonException)
        {
            throw ApiException.Invalid("body", "is not a JSON push event");
        }

        if (reference != "refs/heads/" + repo.Branch)
        {
            return Results.Ok(new { ignored = $"push to {reference ?? "an unnamed ref"}, not refs/heads/{repo.Branch}" });
        }

        var d = await queue.EnqueueAsync(projectId, project.TeamId, "webhook", after is { Length: <= 64 } ? after : null,
            new AuditActor("webhook", null, "git push"), http.RequestAborted);
        return Results.Accepted($"/api/projects/{projectId}/deployments/{d.Id}", new { deploymentId = d.Id });
    }

    private static async Task<DeploymentRecord> FindAsync(DeploymentStore deployments, Guid projectId, Guid deploymentId, CancellationToken ct) =>
        await deployments.GetAsync(deploymentId, ct) is { } d && d.ProjectId == projectId ? d : throw ApiException.NotFound("No such deployment.");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$")]
    private static partial Regex BranchName();
}
