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
    public async Task<HttpResult> ExecuteGraphQL(GraphQLCall call, CancellationToken cancellationToken = default)
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

        var service = Service ?? await schema.EnsureAsync(CancellationToken.None);
        HttpResult result;
        if (service is null)
        {
            var identity = await this.identity.ResolveAsync(call.KeyRole, call.Authorization);
            result = identity.Refused ? HttpResult.From(GraphQLErrorJson.Render(identity.Error!)) : Unavailable();
        }
        else
        {
            // Off the activation's scheduler: a project's requests (token checks included) run in parallel on the pool.
            result = await Task.Run(() => ServeGraphQLAsync(call, service, cancellationToken));
        }

        Record("graphql", result, started);
        return result;
    }

    /// <summary>The request's identity, then the service; shared by grain calls and requests served locally.</summary>
    /// <param name="cancellationToken">
    /// Fires when the client (or the gateway) goes away: Npgsql then asks PostgreSQL to cancel the running statement, and
    /// the connection goes back to the pool healthy instead of working on an answer nobody reads.
    /// </param>
    private async Task<HttpResult> ServeGraphQLAsync(GraphQLCall call, GraphQLService service, CancellationToken cancellationToken)
    {
        var identity = await this.identity.ResolveAsync(call.KeyRole, call.Authorization);
        if (identity.Refused)
        {
            return HttpResult.From(GraphQLErrorJson.Render(identity.Error!));
        }

        try
        {
            var request = new GraphQLHttpRequest(call.Method, call.ContentType, call.Accept, call.Body, call.QueryString);
            var response = await service.ExecuteAsync(tenant, request, identity.Session, cancellationToken);
            return new HttpResult(response.StatusCode, response.ContentType, response.Body, response.RetryAfterSeconds, response.ErrorCode);
        }
        catch (NpgsqlException e)
        {
            return HttpResult.From(GraphQLErrorJson.Render(TenantDatabaseErrors.Classify(e)!));
        }
    }

    private HttpResult Unavailable() => HttpResult.From(GraphQLErrorJson.Render(schema.LastBuildFailedOnCatalog
        ? new PlatformError(ErrorCodes.SchemaBuildFailed, "The project's GraphQL schema could not be built: " + schema.LastError, schema.RetryAfterSeconds())
        : new PlatformError(ErrorCodes.DatabaseUnavailable,
            "The project's database is not reachable" + (schema.LastError is { } e ? ": " + e : "."), schema.RetryAfterSeconds())));

    private void Record(string surface, HttpResult result, long started)
    {
        ProjectMetrics.Request(projectTag, surface, result.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (result.ErrorCode is { } code)
        {
            ProjectMetrics.Error(projectTag, code);
        }
    }
}
