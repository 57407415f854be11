using Platform.DataPlane.Execution;
using Platform.DataPlane.Introspection;

namespace Platform.DataPlane.Planning.Tests.Support;

/// <summary>
/// The forum database's GraphQL service built from its recorded catalog snapshot: planning without PostgreSQL.
/// <c>RecordedSnapshotTests</c> keeps the recording equal to what the live database gives.
/// </summary>
public static class RecordedForum
{
    private static readonly Lazy<GraphQLService> Lazy = new(() =>
        GraphQLService.FromSnapshot(SnapshotSerializer.Deserialize(File.ReadAllText(GoldenFiles.SnapshotPath)), GraphQLServiceOptions.Default));

    public static GraphQLService Service => Lazy.Value;
}
