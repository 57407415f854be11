using Platform.DataPlane.Planning.Tests.Support;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Queries;

/// <summary>
/// The golden statements again, planned from the recorded forum snapshot with no database: the planner's fast check.
/// The database-backed <see cref="GoldenFileTests"/> and <c>MutationGoldenFileTests</c> compare the same files and the answers.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class GoldenPlanTests
{
    public static TheoryData<string> Queries() => GoldenFiles.Cases(SourcePaths.Golden);

    public static TheoryData<string> Mutations() => GoldenFiles.Cases(SourcePaths.MutationGolden);

    [Theory]
    [MemberData(nameof(Queries))]
    public Task Query_plans_match_golden_files(string name) => GoldenFiles.CheckPlanAsync(RecordedForum.Service.Model, SourcePaths.Golden, name);

    [Theory]
    [MemberData(nameof(Mutations))]
    public Task Mutation_plans_match_golden_files(string name) => GoldenFiles.CheckPlanAsync(RecordedForum.Service.Model, SourcePaths.MutationGolden, name);
}
