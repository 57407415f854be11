using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Grains.Telemetry;
using Platform.DataPlane.Grains.Tenants;
using Platform.Errors.Postgres;

namespace Platform.DataPlane.Grains.Projects;

/// <summary>
/// The live schema: a timer polls a cheap catalog version and, when it moves, rebuilds the GraphQL service off the
/// request path. Requests keep using the old service until the new one is assigned, so none fails during a rebuild.
/// </summary>
public sealed partial class ProjectGrain
{
    private GraphQLService? graphql;
    private string? catalogVersion;
    private bool schemaRestored;
    private string? lastBuildError;
    private bool lastBuildFailedOnCatalog;
    private int failures;
    private DateTimeOffset nextAttempt;
    private Task<GraphQLService?>? building;
    private IGrainTimer? watcher;

    private void StartSchemaWatcher()
    {
        // Interleaved and not keeping the grain alive: polling must neither block requests nor prevent idle deactivation.
        watcher = this.RegisterGrainTimer(
            ct => RefreshSchemaAsync(force: false, ct),
            new GrainTimerCreationOptions(Options.SchemaPollInterval, Options.SchemaPollInterval) { Interleave = true, KeepAlive = false });
    }

    /// <summary>The current service, building it first if the grain is degraded and its backoff has passed.</summary>
    private async Task<GraphQLService?> EnsureServiceAsync()
    {
        if (graphql is null && DateTimeOffset.UtcNow >= nextAttempt)
        {
            await TryBuildAsync(CancellationToken.None);
        }

        return graphql;
    }

    private async Task RefreshSchemaAsync(bool force, CancellationToken ct)
    {
        if (graphql is null)
        {
            if (DateTimeOffset.UtcNow >= nextAttempt)
            {
                await TryBuildAsync(ct);
            }

            return;
        }

        string version;
        try
        {
            version = await CatalogVersionProbe.ReadAsync(tenant, config.Settings.ExposedSchemas, ct);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
        {
            // The database is away; keep serving the schema we have and look again on the next tick.
            return;
        }

        if (force || version != catalogVersion)
        {
            await TryBuildAsync(ct);
        }
    }

    /// <summary>Builds a new service (single flight) and swaps it in; on failure keeps the old one and backs off.</summary>
    private async Task TryBuildAsync(CancellationToken ct)
    {
        if (!await LoginAllowedAsync(ct))
        {
            return;
        }

        building ??= BuildOffGrainAsync(ct);
        try
        {
            await building;
        }
        finally
        {
            building = null;
        }
    }

    private async Task<GraphQLService?> BuildOffGrainAsync(CancellationToken ct)
    {
        var id = this.GetPrimaryKey();
        var source = tenant;
        var serviceOpts = serviceOptions;
        var rebuilding = graphql is not null;
        try
        {
            // Introspection and schema build are CPU and I/O heavy: run them on the thread pool, assign in the grain.
            var loaded = await Task.Run(() => schemaLoader.LoadAsync(id, source, serviceOpts, rebuilding, ct), ct);
            var changed = graphql is not null && graphql.Fingerprint != loaded.Service.Fingerprint;
            graphql = loaded.Service;
            catalogVersion = loaded.CatalogVersion;
            schemaRestored = loaded.Restored;
            lastBuildError = null;
            lastBuildFailedOnCatalog = false;
            failures = 0;
            if (changed)
            {
                ProjectMetrics.Rebuilt(projectTag);
                log.LogInformation("Project {ProjectId} schema rebuilt: {Fingerprint}", projectTag, loaded.Service.Fingerprint);
            }

            return loaded.Service;
        }
        catch (Exception e) when (e is NpgsqlException or GraphQLServiceBuildException or OperationCanceledException or TimeoutException
            or InvalidOperationException or System.Text.Json.JsonException)
        {
            failures++;
            var backoff = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(failures, 5)) / 2));
            nextAttempt = DateTimeOffset.UtcNow + backoff;
            // A catalog that yields no schema is the owner's to fix, not an outage: its reason names schema objects only.
            lastBuildFailedOnCatalog = e is GraphQLServiceBuildException { FromCatalog: true };
            lastBuildError = lastBuildFailedOnCatalog ? e.Message : TenantDatabaseErrors.Describe(e);
            log.LogWarning("Project {ProjectId} schema build failed ({Failures} in a row, next try in {Backoff}): {Error}",
                projectTag, failures, backoff, lastBuildError);
            return null;
        }
    }

    private int RetryAfterSeconds() => Math.Max(1, (int)Math.Ceiling((nextAttempt - DateTimeOffset.UtcNow).TotalSeconds));
}
