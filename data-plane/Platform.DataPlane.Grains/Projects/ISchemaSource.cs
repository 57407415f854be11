namespace Platform.DataPlane.Grains.Projects;

/// <summary>Where a <see cref="SchemaLifecycle"/> gets its schema from: the tenant database in a grain, a fake in tests.</summary>
public interface ISchemaSource
{
    /// <summary>A cheap value that moves whenever the exposed catalog changes.</summary>
    Task<string> ReadVersionAsync(CancellationToken ct);

    /// <summary>Builds the service; <paramref name="rebuilding"/> when one is already serving (no stored-snapshot shortcut).</summary>
    Task<LoadedSchema> LoadAsync(bool rebuilding, CancellationToken ct);
}
