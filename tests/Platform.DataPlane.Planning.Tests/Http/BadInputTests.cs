using System.Text;
using Platform.DataPlane.Planning.Tests.Support;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Http;

/// <summary>Hostile and broken requests: clear errors, and nothing reaches the database unless it is safe.</summary>
public sealed class BadInputTests(ForumFixture forum) : IClassFixture<ForumFixture>
{
    private async Task<(int Status, string Code, int Trips)> RejectAsync(string query, object? variables = null)
    {
        using var trips = new RoundTripCounter(forum.Database.Name);
        var response = await forum.Client.PostAsync(query, variables);
        return (response.StatusCode, GraphQLClient.Json(response).Code(), trips.Count);
    }

    [Theory]
    [InlineData("{ allEvents { nodes { id }", "GRAPHQL_PARSE_FAILED")]
    [InlineData("query { }", "GRAPHQL_PARSE_FAILED")]
    [InlineData("", "GRAPHQL_PARSE_FAILED")]
    [InlineData("{ allEvents { nodes { nope } } }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("{ eventById(id: \"abc\") { id } }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("{ allEvents(orderBy: NOPE) { nodes { id } } }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("{ ...F } fragment F on Query { ...F }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("mutation { noSuchMutation { clientMutationId } }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("subscription { __typename }", "GRAPHQL_VALIDATION_FAILED")]
    public async Task Malformed_and_invalid_documents_are_400_and_run_nothing(string query, string code)
    {
        var (status, actual, trips) = await RejectAsync(query);
        Assert.Equal(400, status);
        Assert.Equal(code, actual);
        Assert.Equal(0, trips);
    }

    [Fact]
    public async Task Wrong_and_missing_variable_types_are_validation_errors()
    {
        var wrong = await RejectAsync("query($id: Int!) { eventById(id: $id) { id } }", new { id = "abc" });
        Assert.Equal((400, "GRAPHQL_VALIDATION_FAILED", 0), wrong);
        var missing = await RejectAsync("query($id: Int!) { eventById(id: $id) { id } }", new { });
        Assert.Equal((400, "GRAPHQL_VALIDATION_FAILED", 0), missing);

        // The same document with good variables still works: the plan is cached, variables are checked every time.
        var ok = await forum.Client.QueryAsync("query($id: Int!) { eventById(id: $id) { id } }", new { id = 4 });
        Assert.Equal(4, ok.Data("eventById").GetProperty("id").GetInt32());
        var wrongAgain = await RejectAsync("query($id: Int!) { eventById(id: $id) { id } }", new { id = "abc" });
        Assert.Equal((400, "GRAPHQL_VALIDATION_FAILED", 0), wrongAgain);
    }

    [Theory]
    [InlineData("""{"c": {"status": "NOT_A_STATUS"}}""")]
    [InlineData("""{"c": {"nope": 1}}""")]
    [InlineData("""{"c": {"capacity": "ten"}}""")]
    [InlineData("""{"c": {"status": "DRAFT"}, "o": [1]}""")]
    [InlineData("""{"c": [] }""")]
    public async Task Cached_documents_still_check_variable_types(string variablesJson)
    {
        const string query = "query($c: EventCondition, $o: [EventsOrderBy!]) { allEvents(condition: $c, orderBy: $o) { totalCount } }";
        var good = await forum.Client.QueryAsync(query, new { c = new { status = "DRAFT" } });
        Assert.Equal(await forum.Database.ScalarAsync<long>("select count(*) from event where status = 'draft'"), good.Data("allEvents").GetProperty("totalCount").GetInt64());
        using var trips = new RoundTripCounter(forum.Database.Name);
        var body = "{\"query\":" + System.Text.Json.JsonSerializer.Serialize(query) + ",\"variables\":" + variablesJson + "}";
        var response = await forum.Client.PostRawAsync(body);
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", GraphQLClient.Json(response).Code());
        Assert.Equal(0, trips.Count);
    }

    [Fact]
    public async Task Depth_bomb_is_refused_before_validation()
    {
        var query = new StringBuilder("{ groupById(id: 3) { ");
        for (var i = 0; i < 30; i++)
        {
            query.Append("groupByParentId { ");
        }

        query.Append("id").Append(new string('}', 32));
        var result = await RejectAsync(query.ToString());
        Assert.Equal((400, "DEPTH_LIMIT_EXCEEDED", 0), result);
    }

    [Fact]
    public async Task Fifteen_levels_are_allowed()
    {
        var query = new StringBuilder("{ groupById(id: 3) { ");
        for (var i = 0; i < 13; i++)
        {
            query.Append("groupByParentId { ");
        }

        query.Append("id").Append(new string('}', 15));
        var json = await forum.Client.QueryAsync(query.ToString());
        // Group 3's parent is 2, whose parent is 1, which has none.
        var grandparent = json.Data("groupById").GetProperty("groupByParentId").GetProperty("groupByParentId");
        Assert.Equal(System.Text.Json.JsonValueKind.Object, grandparent.ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, grandparent.GetProperty("groupByParentId").ValueKind);
    }

    [Fact]
    public async Task Alias_bomb_is_refused()
    {
        var query = "{ " + string.Join(' ', Enumerable.Range(0, 501).Select(i => $"a{i}: __typename")) + " }";
        Assert.Equal((400, "FIELD_LIMIT_EXCEEDED", 0), await RejectAsync(query));
        var fits = "{ " + string.Join(' ', Enumerable.Range(0, 60).Select(i => $"a{i}: eventById(id: {(i % 40) + 1}) {{ id }}")) + " }";
        var json = await forum.Client.QueryAsync(fits);
        Assert.Equal(20, json.Data("a59").GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Fragment_bomb_is_refused_without_expanding_it()
    {
        var doc = new StringBuilder("{ ...F0 } fragment F30 on Query { a: __typename b: __typename } ");
        for (var i = 0; i < 30; i++)
        {
            doc.Append($"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }} ");
        }

        var (status, code, trips) = await RejectAsync(doc.ToString());
        Assert.Equal(400, status);
        Assert.Equal("FIELD_LIMIT_EXCEEDED", code);
        Assert.Equal(0, trips);
    }

    [Fact]
    public async Task Oversized_document_and_body_are_refused()
    {
        var big = "{ " + new string(' ', 100_001) + "__typename }";
        Assert.Equal((400, "DOCUMENT_TOO_LARGE", 0), await RejectAsync(big));
        var response = await forum.Client.PostAsync("query($t: String) { allEvents(condition: {title: $t}) { totalCount } }", new { t = new string('x', 2_000_000) });
        Assert.Equal(413, response.StatusCode);
    }

    [Fact]
    public async Task Large_variables_within_limits_are_just_parameters()
    {
        var json = await forum.Client.QueryAsync("query($t: String) { allEvents(condition: {title: $t}) { totalCount } }", new { t = new string('x', 500_000) });
        Assert.Equal(0, json.Data("allEvents").GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("x' or '1'='1")]
    [InlineData("'; drop table event; --")]
    [InlineData("\"; drop table \"event\"; --")]
    [InlineData("$1::text); drop table event; --")]
    [InlineData("\\'; select pg_sleep(10); --")]
    public async Task Injection_strings_in_literals_and_variables_are_plain_values(string hostile)
    {
        var literal = hostile.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        var viaLiteral = await forum.Client.QueryAsync($"{{ userByEmail(email: \"{literal}\") {{ id }} allEvents(condition: {{title: \"{literal}\"}}) {{ totalCount }} }}");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, viaLiteral.Data("userByEmail").ValueKind);
        Assert.Equal(0, viaLiteral.Data("allEvents").GetProperty("totalCount").GetInt32());
        var viaVariable = await forum.Client.QueryAsync("query($t: String, $e: String!) { userByEmail(email: $e) { id } allEvents(condition: {title: $t}) { totalCount } searchEvents(term: $t) { totalCount } }", new { t = hostile, e = hostile });
        Assert.Equal(0, viaVariable.Data("allEvents").GetProperty("totalCount").GetInt32());
        Assert.Equal(40, await forum.Database.ScalarAsync<long>("select count(*) from event"));
    }

    [Fact]
    public async Task Negative_page_sizes_are_user_errors()
    {
        Assert.Equal((400, "BAD_USER_INPUT", 0), await RejectAsync("{ allEvents(first: -1) { nodes { id } } }"));
        var viaVariable = GraphQLClient.Json(await forum.Client.PostAsync("query($n: Int) { allEvents(first: $n) { nodes { id } } }", new { n = -5 }));
        Assert.Equal("BAD_USER_INPUT", viaVariable.Code());
    }

    [Fact]
    public async Task Values_postgres_rejects_come_back_as_user_errors()
    {
        var response = await forum.Client.PostAsync("{ userById(id: \"not-a-uuid\") { id } }");
        Assert.Equal(200, response.StatusCode);
        var json = GraphQLClient.Json(response);
        Assert.Equal("BAD_USER_INPUT", json.Code());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("data").ValueKind);
    }

    [Fact]
    public async Task Forged_cursors_and_node_ids_stay_parameters()
    {
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes("[\"primary_key_asc\", [\"1; drop table event\"]]"));
        var response = await forum.Client.PostAsync("query($c: Cursor) { allEvents(after: $c) { nodes { id } } }", new { c = forged });
        Assert.Equal("BAD_USER_INPUT", GraphQLClient.Json(response).Code());
        var node = Convert.ToBase64String(Encoding.UTF8.GetBytes("[\"events\", \"1 or 1=1\"]"));
        var nodeResponse = await forum.Client.PostAsync("query($n: ID!) { node(nodeId: $n) { nodeId } }", new { n = node });
        Assert.Equal("BAD_USER_INPUT", GraphQLClient.Json(nodeResponse).Code());
        Assert.Equal(40, await forum.Database.ScalarAsync<long>("select count(*) from event"));
    }
}
