using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Concurrency;
using Orleans.Runtime;
using Platform.DataPlane.Abstractions.Projects;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Grains.Tenants;
using Platform.Metadata.Projects;

namespace Platform.DataPlane.Grains.Projects;

/// <summary>
/// Thin: loads the project's configuration, owns its tenant data source and GraphQL service, and hands each call
/// to the pure engine. Reentrant because every field it touches after activation is read-only, so interleaved
/// requests share nothing mutable.
/// </summary>
[Reentrant]
public sealed class ProjectGrain(ProjectStore projects, ILocalSiloDetails silo, ILogger<ProjectGrain> log) : Grain, IProjectGrain
{
    private ProjectConfiguration config = null!;
    private NpgsqlDataSource tenant = null!;
    private GraphQLService graphql = null!;
    private DateTimeOffset activatedAt;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKey();
        config = await projects.GetAsync(id, cancellationToken) ?? throw new ProjectNotFoundException(id);
        tenant = TenantDataSources.Create(config);
        try
        {
            graphql = await GraphQLService.CreateAsync(tenant, new GraphQLServiceOptions(config.Settings.ExposedSchemas), cancellationToken);
        }
        catch
        {
            await tenant.DisposeAsync();
            throw;
        }

        activatedAt = DateTimeOffset.UtcNow;
        log.LogInformation("Project {ProjectId} activated on {Silo} with pool size {PoolSize}", id, silo.SiloAddress, config.Settings.PoolSize);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (tenant is not null)
        {
            await tenant.DisposeAsync();
        }

        log.LogInformation("Project {ProjectId} deactivated: {Reason}", this.GetPrimaryKey(), reason);
    }

    public async Task<HttpResult> ExecuteGraphQL(GraphQLCall call)
    {
        try
        {
            var response = await graphql.ExecuteAsync(
                tenant,
                new GraphQLHttpRequest(call.Method, call.ContentType, call.Accept, call.Body, call.QueryString),
                CancellationToken.None);
            return new HttpResult(response.StatusCode, response.ContentType, response.Body);
        }
        catch (NpgsqlException e)
        {
            return TenantErrors.ToHttpResult(e, config.Settings);
        }
    }

    public Task<ProjectGrainStatus> GetStatus() =>
        Task.FromResult(new ProjectGrainStatus(silo.SiloAddress.ToParsableString(), graphql.Fingerprint, config.Settings.PoolSize, activatedAt));
}
