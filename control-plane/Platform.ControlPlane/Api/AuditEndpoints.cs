using Platform.ControlPlane.Auth;
using Platform.Metadata.Audit;
using Platform.Metadata.Teams;
using Platform.Metadata.Usage;

namespace Platform.ControlPlane.Api;

/// <summary>The audit log per team and per project, and a project's usage series.</summary>
public static class AuditEndpoints
{
    public static readonly TimeSpan MaxUsageRange = TimeSpan.FromDays(7);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/teams/{teamId:guid}/audit", TeamAuditAsync).WithTags("Audit");
        api.MapGet("/projects/{projectId:guid}/audit", ProjectAuditAsync).WithTags("Audit");
        api.MapGet("/projects/{projectId:guid}/usage", UsageAsync).WithTags("Usage");
    }

    private static async Task<IResult> TeamAuditAsync(HttpContext http, AuditStore audit, Access access, Guid teamId)
    {
        await access.TeamAsync(await http.CallerAsync(), teamId, TeamRole.Viewer, http.RequestAborted);
        return await ListAsync(http, audit, teamId, null);
    }

    private static async Task<IResult> ProjectAuditAsync(HttpContext http, AuditStore audit, Access access, Guid projectId)
    {
        var (project, _) = await access.ProjectAsync(await http.CallerAsync(), projectId, TeamRole.Viewer, http.RequestAborted);
        return await ListAsync(http, audit, project.TeamId, projectId);
    }

    private static async Task<IResult> ListAsync(HttpContext http, AuditStore audit, Guid? teamId, Guid? projectId)
    {
        var q = PageQuery.From(http.Request);
        var query = http.Request.Query;
        var actions = query["action"].Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).ToList();
        var page = await audit.ListAsync(new AuditQuery(teamId, projectId, actions, query["actorId"].ToString() is { Length: > 0 } a ? a : null,
            Time(query["from"], "from"), Time(query["to"], "to"), q.Limit, q.AfterId), http.RequestAborted);
        return Results.Ok(new ListResponse<object>(page.Items.Select(Views.Audit).ToList(), page.NextCursor));
    }

    private static async Task<IResult> UsageAsync(HttpContext http, UsageStore usage, Access access, Guid projectId)
    {
        await access.ProjectAsync(await http.CallerAsync(), projectId, TeamRole.Viewer, http.RequestAborted);
        var to = Time(http.Request.Query["to"], "to") ?? DateTimeOffset.UtcNow;
        var from = Time(http.Request.Query["from"], "from") ?? to.AddHours(-1);
        if (from >= to || to - from > MaxUsageRange)
        {
            throw ApiException.Invalid("from", "must be before 'to' and at most 7 days earlier");
        }

        var points = await usage.SeriesAsync(projectId, from, to, http.RequestAborted);
        return Results.Ok(new
        {
            from,
            to,
            stepSeconds = 60,
            points = points.Select(p => new
            {
                at = p.Minute,
                requests = BySurface(p.Requests),
                errors = p.Errors,
                latencyMs = new { p50 = p.LatencyP50Ms, p99 = p.LatencyP99Ms },
                pool = new { inUse = p.PoolInUse, waiting = p.PoolWaiting },
            }),
        });
    }

    /// <summary>"graphql:2xx" counters as {"graphql":{"2xx":n}}.</summary>
    private static Dictionary<string, Dictionary<string, long>> BySurface(IReadOnlyDictionary<string, long> counts)
    {
        var result = new Dictionary<string, Dictionary<string, long>>();
        foreach (var (key, value) in counts)
        {
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            var (surface, status) = colon > 0 ? (key[..colon], key[(colon + 1)..]) : (key, "total");
            if (!result.TryGetValue(surface, out var byStatus))
            {
                result[surface] = byStatus = [];
            }

            byStatus[status] = byStatus.GetValueOrDefault(status) + value;
        }

        return result;
    }

    private static DateTimeOffset? Time(string? value, string name) =>
        string.IsNullOrEmpty(value) ? null
        : DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t.ToUniversalTime()
        : throw ApiException.Invalid(name, "must be an ISO 8601 date and time");
}
