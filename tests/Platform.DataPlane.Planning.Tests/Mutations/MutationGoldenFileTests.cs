using Platform.DataPlane.Planning.Tests.Support;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Mutations;

/// <summary>
/// Mutations in, both statements and the payload out (Golden/Mutations). They run on a forum database of their own,
/// so the query golden files never see their changes; each case reads only rows it made or names, never serial ids.
/// </summary>
public sealed class MutationGoldenFileTests(ForumFixture forum) : IClassFixture<ForumFixture>
{
    public static TheoryData<string> Cases() => GoldenFiles.Cases(SourcePaths.MutationGolden);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Mutation_plans_and_payloads_match_golden_files(string name) => GoldenFiles.CheckAsync(forum, SourcePaths.MutationGolden, name);
}
