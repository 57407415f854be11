using Npgsql;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Grains.Projects;
using Platform.DataPlane.Introspection.Model;

namespace Platform.DataPlane.Tests.Projects;

/// <summary>
/// A schema source whose catalog the test moves by hand; builds real GraphQL services from small snapshots. A build can
/// be held open (<see cref="HoldBuilds"/>) to see what callers do meanwhile.
/// </summary>
internal sealed class FakeSchemaSource : ISchemaSource
{
    private TaskCompletionSource? gate;

    public string Version { get; set; } = "v1";

    /// <summary>The schema name in the snapshot: changing it changes the service's fingerprint.</summary>
    public string SchemaName { get; set; } = "public";

    public bool DatabaseDown { get; set; }

    public int Loads { get; private set; }

    public int VersionReads { get; private set; }

    public List<bool> RebuildingFlags { get; } = [];

    public void HoldBuilds() => gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseBuilds() => gate?.TrySetResult();

    public Task<string> ReadVersionAsync(CancellationToken ct)
    {
        VersionReads++;
        return DatabaseDown ? Task.FromException<string>(Refused()) : Task.FromResult(Version);
    }

    public async Task<LoadedSchema> LoadAsync(bool rebuilding, CancellationToken ct)
    {
        Loads++;
        RebuildingFlags.Add(rebuilding);
        if (gate is { } g)
        {
            await g.Task;
        }

        if (DatabaseDown)
        {
            throw Refused();
        }

        var snapshot = new CatalogSnapshot(170000, "app", [new PgSchema(2200, SchemaName, null)], [], [], [], []);
        return new LoadedSchema(Version, GraphQLService.FromSnapshot(snapshot, new GraphQLServiceOptions([SchemaName])), Restored: false);
    }

    private static NpgsqlException Refused() => new("Failed to connect", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
}
