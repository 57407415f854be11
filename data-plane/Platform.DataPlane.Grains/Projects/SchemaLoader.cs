using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Execution.Database;
using Platform.DataPlane.Grains.Tenants;
using Platform.DataPlane.Introspection;
using Platform.Metadata.Schemas;

namespace Platform.DataPlane.Grains.Projects;

/// <summary>
/// Gets a project's GraphQL service the cheapest correct way: on activation, the stored snapshot when the catalog
/// version still matches (no introspection), else a fresh introspection, which is then stored for the next activation
/// on whichever silo. Failures of the metadata store only cost the shortcut, never the build.
/// </summary>
public sealed class SchemaLoader(SchemaSnapshotStore snapshots, ILogger<SchemaLoader> log)
{
    public async Task<LoadedSchema> LoadAsync(Guid projectId, NpgsqlDataSource tenant, GraphQLServiceOptions options, bool rebuilding, CancellationToken ct)
    {
        var version = await CatalogVersionProbe.ReadAsync(tenant, options.ExposedSchemas, ct);
        if (rebuilding)
        {
            // New enums, domains and composite types must be known to the driver before they are read.
            await tenant.ReloadTypesAsync(ct);
        }
        else if (await RestoreAsync(projectId, version, options, ct) is { } restored)
        {
            Report(projectId, restored);
            return new LoadedSchema(version, restored, Restored: true);
        }

        var snapshot = await CatalogReader.ReadAsync(tenant, options.ExposedSchemas, options.RoleList, ct);
        var service = GraphQLService.FromSnapshot(snapshot, options);
        Report(projectId, service);
        try
        {
            await snapshots.SaveAsync(projectId, version, SnapshotSerializer.Serialize(snapshot), ct);
        }
        catch (NpgsqlException e)
        {
            log.LogWarning(e, "Could not store the schema snapshot of project {ProjectId}", projectId);
        }

        return new LoadedSchema(version, service, Restored: false);
    }

    /// <summary>What the build left out or renamed, one structured line each, for the project's owner.</summary>
    private void Report(Guid projectId, GraphQLService service)
    {
        foreach (var warning in service.Warnings)
        {
            log.LogWarning("Project {ProjectId} schema: {WarningCode} {Warning}", projectId, warning.Code, warning.Message);
        }
    }

    private async Task<GraphQLService?> RestoreAsync(Guid projectId, string version, GraphQLServiceOptions options, CancellationToken ct)
    {
        try
        {
            var stored = await snapshots.GetAsync(projectId, ct);
            if (stored is null || stored.CatalogVersion != version)
            {
                return null;
            }

            // Privileges in the snapshot belong to the roles it was introspected for; other settings need another look.
            var snapshot = SnapshotSerializer.Deserialize(stored.Snapshot);
            return options.MadeFor(snapshot) ? GraphQLService.FromSnapshot(snapshot, options) : null;
        }
        catch (Exception e) when (e is NpgsqlException or JsonException or GraphQLServiceBuildException or NotSupportedException)
        {
            // A snapshot from an older format or an unreachable store: introspect instead.
            log.LogInformation("Stored schema snapshot of project {ProjectId} not used: {Reason}", projectId, e.GetType().Name);
            return null;
        }
    }
}
