using System.Text.Json;
using Platform.DataPlane.Execution.Live;
using Platform.DataPlane.Planning.Tests.Support;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Live;

/// <summary>
/// Live-query subscribers share one statement when their document keys are equal, so the key must change exactly when
/// the SQL would: a node id naming another table or a variable turning null does; another id or value does not.
/// </summary>
public sealed class LiveGroupingTests(ForumFixture forum) : IClassFixture<ForumFixture>
{
    [Fact]
    public async Task Subscribers_share_a_statement_only_when_their_sql_is_the_same()
    {
        const string query = "query($c: UserCondition, $id: ID!) @live { allUsers(condition: $c) { nodes { email } } node(nodeId: $id) { __typename } }";
        var events = new[] { Id("[\"events\",1]"), Id("[\"events\",2]") };
        var happy = await KeyAsync(query, new { c = new { mood = "HAPPY" }, id = events[0] });

        Assert.Equal(happy, await KeyAsync(query, new { c = new { mood = "SAD" }, id = events[1] }));
        Assert.NotEqual(happy, await KeyAsync(query, new { c = new { mood = (string?)null }, id = events[0] }));
        Assert.NotEqual(happy, await KeyAsync(query, new { c = new { mood = "HAPPY" }, id = Id("[\"countries\",\"FR\"]") }));
    }

    private async Task<string> KeyAsync(string query, object variables)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new { query, variables });
        var prepared = await forum.Service.PrepareOperationAsync(payload, CancellationToken.None);
        Assert.True(prepared.Kind == OperationKind.Live, prepared.Errors is null ? prepared.Kind.ToString() : System.Text.Encoding.UTF8.GetString(prepared.Errors));
        return prepared.Live!.DocumentKey;
    }

    private static string Id(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json));
}
