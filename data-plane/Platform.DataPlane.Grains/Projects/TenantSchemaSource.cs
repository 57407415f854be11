using Npgsql;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Execution.Database;

namespace Platform.DataPlane.Grains.Projects;

/// <summary>A project's schema from its own database, through the stored-snapshot shortcut of <see cref="SchemaLoader"/>.</summary>
internal sealed class TenantSchemaSource(SchemaLoader loader, Guid projectId, NpgsqlDataSource tenant, GraphQLServiceOptions options) : ISchemaSource
{
    public Task<string> ReadVersionAsync(CancellationToken ct) => CatalogReader.ReadVersionAsync(tenant, options.ExposedSchemas, ct);

    public Task<LoadedSchema> LoadAsync(bool rebuilding, CancellationToken ct) => loader.LoadAsync(projectId, tenant, options, rebuilding, ct);
}
