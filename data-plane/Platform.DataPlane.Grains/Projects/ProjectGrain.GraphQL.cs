using System.Diagnostics;
using Npgsql;
using Platform.DataPlane.Abstractions.Projects;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Grains.Telemetry;
using Platform.Errors;
using Platform.Errors.Postgres;

namespace Platform.DataPlane.Grains.Projects;

public sealed partial class ProjectGrain
{
    public async Task<HttpResult> ExecuteGraphQL(GraphQLCall call)
    {
        var started = Stopwatch.GetTimestamp();
        if (hostRefusal is not null)
        {
            var refused = HttpResult.From(GraphQLErrorJson.Render(HostRefused()));
            Record("graphql", refused, started);
            return refused;
        }

        if (!await LoginAllowedAsync(CancellationToken.None))
        {
            var blocked = HttpResult.From(GraphQLErrorJson.Render(LoginBlocked()));
            Record("graphql", blocked, started);
            return blocked;
        }

        var service = graphql ?? await EnsureServiceAsync();
        HttpResult result;
        var identity = await this.identity.ResolveAsync(call.KeyRole, call.Authorization);
        if (identity.Refused)
        {
            result = HttpResult.From(GraphQLErrorJson.Render(identity.Error!));
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
                    return new HttpResult(response.StatusCode, response.ContentType, response.Body, response.RetryAfterSeconds, response.ErrorCode);
                }
                catch (NpgsqlException e)
                {
                    return HttpResult.From(GraphQLErrorJson.Render(TenantDatabaseErrors.Classify(e)!));
                }
            });
        }

        Record("graphql", result, started);
        return result;
    }

    private HttpResult Unavailable() => HttpResult.From(GraphQLErrorJson.Render(lastBuildFailedOnCatalog
        ? new PlatformError(ErrorCodes.SchemaBuildFailed, "The project's GraphQL schema could not be built: " + lastBuildError, RetryAfterSeconds())
        : new PlatformError(ErrorCodes.DatabaseUnavailable,
            "The project's database is not reachable" + (lastBuildError is { } e ? ": " + e : "."), RetryAfterSeconds())));

    private void Record(string surface, HttpResult result, long started)
    {
        ProjectMetrics.Request(projectTag, surface, result.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (result.ErrorCode is { } code)
        {
            ProjectMetrics.Error(projectTag, code);
        }
    }
}
