using Platform.DataPlane.Planning.Tests.Support;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Queries;

/// <summary>GraphQL in, SQL and JSON out, compared with files under Golden/ (rewritten only with UPDATE_GOLDEN=1).</summary>
public sealed class GoldenFileTests(ForumFixture forum) : IClassFixture<ForumFixture>
{
    public static TheoryData<string> Cases() => GoldenFiles.Cases(SourcePaths.Golden);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Query_plans_and_answers_match_golden_files(string name) => GoldenFiles.CheckAsync(forum, SourcePaths.Golden, name);
}
