using System.Text.Json;
using Platform.DataPlane.Planning.Tests.Support;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Mutations;

/// <summary>PostGraphile v4 CRUD mutations against the forum schema: payloads, keys, node identifiers, errors and rollback.</summary>
public sealed class CrudMutationTests(ForumFixture forum) : IClassFixture<ForumFixture>
{
    [Fact]
    public async Task Create_returns_row_relations_edge_query_and_client_mutation_id()
    {
        var result = await forum.Client.QueryAsync("""
            mutation($input: CreateEventInput!) {
              createEvent(input: $input) {
                clientMutationId
                event { id title status groupByGroupId { name } }
                groupByGroupId { id }
                eventEdge { cursor node { title } }
                query { groupById(id: 1) { name } }
              }
            }
            """, new { input = new { clientMutationId = "c1", @event = new { groupId = 1, title = "Created", startsAt = "2025-01-01T10:00:00Z", status = "PUBLISHED" } } });
        var payload = result.Data("createEvent");
        Assert.Equal("c1", payload.GetProperty("clientMutationId").GetString());
        Assert.Equal("Created", payload.GetProperty("event").GetProperty("title").GetString());
        Assert.Equal("PUBLISHED", payload.GetProperty("event").GetProperty("status").GetString());
        Assert.Equal(1, payload.GetProperty("groupByGroupId").GetProperty("id").GetInt32());
        Assert.Equal("Created", payload.GetProperty("eventEdge").GetProperty("node").GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(payload.GetProperty("eventEdge").GetProperty("cursor").GetString()));
        Assert.Equal(JsonValueKind.String, payload.GetProperty("query").GetProperty("groupById").GetProperty("name").ValueKind);
        var id = payload.GetProperty("event").GetProperty("id").GetInt32();
        Assert.Equal("Created", (await forum.Client.QueryAsync($"{{ eventById(id: {id}) {{ title }} }}")).Data("eventById").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Update_by_primary_key_unique_constraint_and_node_id()
    {
        var created = (await forum.Client.QueryAsync("""mutation { createGroup(input: {group: {name: "to update"}}) { group { id nodeId } } }""")).Data("createGroup").GetProperty("group");
        var id = created.GetProperty("id").GetInt32();
        var nodeId = created.GetProperty("nodeId").GetString();

        var byId = await forum.Client.QueryAsync("mutation($id: Int!, $p: GroupPatch!) { updateGroupById(input: {id: $id, groupPatch: $p}) { group { name parentId } } }", new { id, p = new { name = "renamed", parentId = (int?)null } });
        Assert.Equal("renamed", byId.Data("updateGroupById").GetProperty("group").GetProperty("name").GetString());

        var byName = await forum.Client.QueryAsync("""mutation { updateGroupByName(input: {name: "renamed", groupPatch: {name: "renamed again"}}) { group { id name } } }""");
        Assert.Equal(id, byName.Data("updateGroupByName").GetProperty("group").GetProperty("id").GetInt32());

        var byNode = await forum.Client.QueryAsync("mutation($n: ID!) { updateGroup(input: {nodeId: $n, groupPatch: {name: \"by node\"}}) { group { name } } }", new { n = nodeId });
        Assert.Equal("by node", byNode.Data("updateGroup").GetProperty("group").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Delete_by_key_and_node_id_report_the_deleted_node_id()
    {
        var a = (await forum.Client.QueryAsync("""mutation { createGroup(input: {group: {name: "delete me a"}}) { group { id nodeId } } }""")).Data("createGroup").GetProperty("group");
        var b = (await forum.Client.QueryAsync("""mutation { createGroup(input: {group: {name: "delete me b"}}) { group { id nodeId } } }""")).Data("createGroup").GetProperty("group");

        var byId = await forum.Client.QueryAsync($"mutation {{ deleteGroupById(input: {{id: {a.GetProperty("id").GetInt32()}}}) {{ deletedGroupId group {{ name }} }} }}");
        Assert.Equal(a.GetProperty("nodeId").GetString(), byId.Data("deleteGroupById").GetProperty("deletedGroupId").GetString());
        Assert.Equal("delete me a", byId.Data("deleteGroupById").GetProperty("group").GetProperty("name").GetString());

        var byNode = await forum.Client.QueryAsync("mutation($n: ID!) { deleteGroup(input: {nodeId: $n}) { deletedGroupId } }", new { n = b.GetProperty("nodeId").GetString() });
        Assert.Equal(b.GetProperty("nodeId").GetString(), byNode.Data("deleteGroup").GetProperty("deletedGroupId").GetString());
        Assert.Equal(JsonValueKind.Null, (await forum.Client.QueryAsync($"{{ groupById(id: {b.GetProperty("id").GetInt32()}) {{ id }} }}")).Data("groupById").ValueKind);
    }

    [Fact]
    public async Task Missing_rows_are_errors_with_a_stable_code()
    {
        var update = await forum.Client.QueryAsync("""mutation { updateGroupById(input: {id: 999999, groupPatch: {name: "x"}}) { group { id } } }""");
        Assert.Equal("NOT_FOUND", update.Code());
        Assert.Contains("No values were updated", update.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("updateGroupById", update.GetProperty("errors")[0].GetProperty("path")[0].GetString());
        Assert.Equal(JsonValueKind.Null, update.GetProperty("data").GetProperty("updateGroupById").ValueKind);

        var delete = await forum.Client.QueryAsync("mutation { deleteGroupById(input: {id: 999999}) { deletedGroupId } }");
        Assert.Equal("NOT_FOUND", delete.Code());
    }

    [Fact]
    public async Task A_failing_second_mutation_rolls_back_the_first()
    {
        var result = await forum.Client.QueryAsync("""
            mutation {
              first: createGroup(input: {group: {name: "rolled back"}}) { group { id } }
              second: createGroup(input: {group: {name: "rolled back"}}) { group { id } }
            }
            """);
        Assert.Equal("23505", result.Code());
        Assert.Equal("second", result.GetProperty("errors")[0].GetProperty("path")[0].GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("data").GetProperty("first").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await forum.Client.QueryAsync("""{ groupByName(name: "rolled back") { id } }""")).Data("groupByName").ValueKind);
    }

    [Fact]
    public async Task Constraint_violations_carry_their_sqlstate_and_no_sql_text()
    {
        var foreignKey = await forum.Client.QueryAsync("""mutation { createEvent(input: {event: {groupId: 424242, title: "x", startsAt: "2025-01-01T00:00:00Z"}}) { event { id } } }""");
        Assert.Equal("23503", foreignKey.Code());
        var notNull = await forum.Client.QueryAsync("mutation($p: GroupPatch!) { updateGroupById(input: {id: 1, groupPatch: $p}) { group { id } } }", new { p = new { name = (string?)null } });
        Assert.Equal("23502", notNull.Code());
        var check = await forum.Client.QueryAsync("""mutation { createUser(input: {user: {id: "00000000-0000-0000-0000-00000000abcd", email: "no-at-sign", displayName: "x"}}) { user { id } } }""");
        Assert.Equal("23514", check.Code());
        var text = foreignKey.GetProperty("errors")[0].GetProperty("message").GetString()!;
        Assert.DoesNotContain("insert into", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Host=", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Injection_strings_in_inputs_stay_data()
    {
        const string evil = "x'); drop table \"group\"; --\"";
        var result = await forum.Client.QueryAsync("mutation($name: String!) { createGroup(input: {group: {name: $name}, clientMutationId: $name}) { clientMutationId group { name } } }", new { name = evil });
        Assert.Equal(evil, result.Data("createGroup").GetProperty("group").GetProperty("name").GetString());
        Assert.Equal(evil, result.Data("createGroup").GetProperty("clientMutationId").GetString());
        var literal = await forum.Client.QueryAsync("mutation { createGroup(input: {group: {name: \"lit'; delete from \\\"group\\\"; --\"}}) { group { name } } }");
        Assert.Equal("lit'; delete from \"group\"; --", literal.Data("createGroup").GetProperty("group").GetProperty("name").GetString());
        Assert.True((await forum.Client.QueryAsync("{ allGroups { totalCount } }")).Data("allGroups").GetProperty("totalCount").GetInt32() > 2);
    }

    [Fact]
    public async Task Mutations_over_get_are_refused_with_405()
    {
        var response = await forum.Client.GetAsync("query=" + Uri.EscapeDataString("mutation { __typename }"));
        Assert.Equal(405, response.StatusCode);
    }

    [Fact]
    public async Task Generated_always_identity_columns_are_not_inputs()
    {
        var type = await forum.Client.QueryAsync("""{ __type(name: "EventInput") { inputFields { name type { kind } } } }""");
        var fields = type.Data("__type").GetProperty("inputFields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("type").GetProperty("kind").GetString());
        Assert.Equal("SCALAR", fields["id"]);
        Assert.Equal("NON_NULL", fields["title"]);
        Assert.Equal("ENUM", fields["status"]);
    }
}
