using System.Diagnostics;
using Npgsql;
using Platform.DataPlane.Abstractions.Projects;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Grains.Telemetry;
using Platform.DataPlane.Grains.Tenants;

namespace Platform.DataPlane.Grains.Projects;

public sealed partial class ProjectGrain
{
    public async Task<HttpResult> ExecuteGraphQL(GraphQLCall call)
    {
        var started = Stopwatch.GetTimestamp();
        if (hostRefusal is not null)
        {
            var refused = HostRefused();
            Record("graphql", refused, started);
            return refused;
        }

        if (!await LoginAllowedAsync(CancellationToken.None))
        {
            var blocked = LoginBlocked();
            Record("graphql", blocked, started);
            return blocked;
        }

        var service = graphql ?? await EnsureServiceAsync();
        HttpResult result;
        var identity = await this.identity.ResolveAsync(call.KeyRole, call.Authorization);
        if (identity.Refused)
        {
            result = TenantErrors.Error(identity.Status, identity.Code!, identity.Message!, null);
        }
        else if (service is null)
        {
            result = Unavailable();
        }
        else
        {
            var source = tenant;
            var request = new GraphQLHttpRequest(call.Method, call.ContentType, call.Accept, call.Body, call.QueryString);
            result = await Task.Run(async () =>
            {
                try
                {
                    var response = await service.ExecuteAsync(source, request, identity.Session, CancellationToken.None);
                    return new HttpResult(response.StatusCode, response.ContentType, response.Body,
                        response.StatusCode == 503 ? config.Settings.PoolTimeoutSeconds : null);
                }
                catch (NpgsqlException e)
                {
                    return TenantErrors.ToHttpResult(e, config.Settings);
                }
            });
        }

        Record("graphql", result, started);
        return result;
    }

    private HttpResult Unavailable() => TenantErrors.Error(503, "DATABASE_UNAVAILABLE",
        "The project's database is not reachable" + (lastBuildError is { } e ? ": " + e : "."), RetryAfterSeconds());

    private void Record(string surface, HttpResult result, long started)
    {
        ProjectMetrics.Request(projectTag, surface, result.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (result.StatusCode >= 400)
        {
            ProjectMetrics.Error(projectTag, TenantErrors.CodeOf(result));
        }
    }
}
