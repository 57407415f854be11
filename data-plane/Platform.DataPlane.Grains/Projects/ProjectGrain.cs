using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Concurrency;
using Orleans.Runtime;
using Platform.DataPlane.Abstractions.Projects;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Grains.Auth;
using Platform.DataPlane.Grains.Telemetry;
using Platform.DataPlane.Grains.Tenants;
using Platform.Errors;
using Platform.Metadata.Projects;

namespace Platform.DataPlane.Grains.Projects;

/// <summary>
/// One activation per project. Thin: it owns the project's configuration, its bounded data sources (the engine's, and /sql's apart) and the current
/// GraphQL service, and hands each call to pure code on the thread pool, so a project's requests run in parallel
/// instead of queueing on the activation's single-threaded scheduler. Reentrant; the only state that changes after
/// activation (the service reference and the rebuild bookkeeping) is written from grain turns only.
/// Activation never fails because the tenant database is down: the grain starts degraded and keeps answering
/// DATABASE_UNAVAILABLE quickly while it retries with backoff, so it cannot crash-loop.
/// </summary>
[Reentrant]
public sealed partial class ProjectGrain(
    ProjectStore projects,
    SchemaLoader schemaLoader,
    ProjectChangeFeed changes,
    ILocalSiloDetails silo,
    IOptions<ProjectGrainOptions> options,
    TimeProvider clock,
    LocalProjectGrains local,
    TenantHostGuard hostGuard,
    ILogger<ProjectGrain> log) : Grain, IProjectGrain
{
    private ProjectConfiguration config = null!;
    private NpgsqlDataSource tenant = null!;

    /// <summary>SQL over HTTP's own pool (decision 0050), made on the first /sql request.</summary>
    private GraphQLServiceOptions serviceOptions = null!;
    private RequestIdentity identity = null!;
    private string projectTag = "";
    private DateTimeOffset activatedAt;

    /// <summary>The project's database host as last checked (TenantHostGuard): refused, or the addresses its pool connects to.</summary>
    private TenantHostVerdict hosts = TenantHostVerdict.Unpinned;

    /// <summary>Why the project's database host is refused; null when it is not.</summary>
    private string? hostRefusal => hosts.Reason;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKey();
        config = await projects.GetAsync(id, cancellationToken) ?? throw new ProjectNotFoundException(id);
        projectTag = id.ToString("N");
        hosts = await hostGuard.CheckAsync(config.ConnectionString, cancellationToken);
        tenant = TenantDataSources.Create(config, hosts);
        serviceOptions = new GraphQLServiceOptions(config.Settings.ExposedSchemas, MaxResponseBytes: config.Settings.MaxResponseBytes,
            ExposedRoles: ExposedRoles.Of(config), Jwt: JwtMintingOf(config.Settings), SimpleCollections: config.Settings.Graphql?.SimpleCollections ?? "omit");
        identity = new RequestIdentity(config.Settings);
        activatedAt = clock.GetUtcNow();
        schema = new SchemaLifecycle(new TenantSchemaSource(schemaLoader, id, tenant, serviceOptions), clock, log, projectTag, LoginAllowedAsync);
        ProjectMetrics.Activated(projectTag);
        SubscribeToChanges();
        StartHostRecheck();
        OpenLocalPath();

        if (hostRefusal is not null)
        {
            // No schema build and no watcher: nothing ever connects to the refused host. Every request hears why.
            log.LogWarning("Project {ProjectId}: its database host is refused: {Reason}", id, hostRefusal);
            return;
        }

        if (!await LoginAllowedAsync(cancellationToken) && loginRefusal is not null)
        {
            // No schema build and no watcher: nothing runs as a login that could reach beyond its database.
            return;
        }

        // A failed first build leaves the grain degraded, not dead; requests and the watcher retry.
        await schema.EnsureAsync(cancellationToken);
        StartSchemaWatcher();
        log.LogInformation("Project {ProjectId} activated on {Silo} with pool size {PoolSize}; schema {State}",
            id, silo.SiloAddress, config.Settings.PoolSize, Service is null ? "unavailable" : "ready");
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await CloseLocalPathAsync();
        watcher?.Dispose();
        hostRecheck?.Dispose();
        changeSubscription?.Dispose();
        if (realtime is not null)
        {
            // Gives the LISTEN connection back before the pool closes.
            await realtime.DisposeAsync();
        }

        if (tenant is not null)
        {
            // Closes every pooled connection: an idle project holds nothing open on its database.
            await tenant.DisposeAsync();
        }

        log.LogInformation("Project {ProjectId} deactivated: {Reason}", this.GetPrimaryKey(), reason);
    }

    public Task<ProjectGrainStatus> GetStatus() =>
        Task.FromResult(new ProjectGrainStatus(silo.SiloAddress.ToParsableString(), Service?.Fingerprint ?? "", config.Settings.PoolSize, activatedAt,
            schema?.Restored ?? false));

    public Task Reload() => hostRefusal is null ? schema.RefreshAsync(force: true, CancellationToken.None) : Task.CompletedTask;

    private PlatformError HostRefused() => hosts.Code == TenantHostGuard.UnresolvedCode
        ? new(ErrorCodes.DatabaseHostUnresolved, hosts.Reason!)
        : new(ErrorCodes.DatabaseHostRefused, hosts.Reason!);

    private ProjectGrainOptions Options => options.Value;

    /// <summary>Only an HS256 secret can sign; without one the schema build refuses the token type with a clear message.</summary>
    private static Execution.Jwt.JwtMinting? JwtMintingOf(ProjectSettings settings) =>
        settings.Jwt is { TokenType: { Length: > 0 } tokenType } jwt
            ? new Execution.Jwt.JwtMinting(tokenType, jwt.Algorithm == "HS256" ? jwt.Secret : null, jwt.Audience)
            : null;
}
