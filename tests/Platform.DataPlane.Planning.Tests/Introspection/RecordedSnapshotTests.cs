using System.Text.Json;
using GraphQL;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Execution.Database;
using Platform.DataPlane.Introspection;
using Platform.DataPlane.Planning.Tests.Support;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Introspection;

/// <summary>
/// The recorded forum snapshot (Golden/forum.snapshot.json, which the fast planner tests use) must build the same
/// GraphQL schema as the live forum database; UPDATE_GOLDEN=1 records it again.
/// </summary>
public sealed class RecordedSnapshotTests(ForumFixture forum) : IClassFixture<ForumFixture>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task The_recorded_snapshot_builds_the_schema_the_live_database_builds()
    {
        if (GoldenFiles.Updating())
        {
            var options = GraphQLServiceOptions.Default;
            var live = await CatalogReader.ReadAsync(forum.Database.DataSource, options.ExposedSchemas, options.RoleList, CancellationToken.None);
            using var document = JsonDocument.Parse(SnapshotSerializer.Serialize(live));
            await File.WriteAllTextAsync(GoldenFiles.SnapshotPath,
                JsonSerializer.Serialize(document.RootElement, Indented) + "\n");
        }

        Assert.True(File.Exists(GoldenFiles.SnapshotPath), "Golden/forum.snapshot.json is missing; record it with UPDATE_GOLDEN=1.");
        var recorded = GraphQLService.FromSnapshot(SnapshotSerializer.Deserialize(await File.ReadAllTextAsync(GoldenFiles.SnapshotPath)),
            GraphQLServiceOptions.Default);
        Assert.Equal(forum.Service.Schema.Print(), recorded.Schema.Print());
    }
}
