using Platform.DataPlane.Planning.Documents;
using Platform.DataPlane.Planning.Planner;
using Platform.DataPlane.Planning.Plans;
using Platform.DataPlane.Planning.Tests.Support;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Queries;

/// <summary>Properties of the generated SQL itself: what is computed, and that request values never reach the text.</summary>
public sealed class PlanShapeTests(ForumFixture forum) : IClassFixture<ForumFixture>
{
    private OperationPlan Plan(string query, string? variablesJson = null)
    {
        var options = new PlannerOptions();
        System.Text.Json.JsonElement? variables = variablesJson is null ? null : System.Text.Json.JsonDocument.Parse(variablesJson).RootElement.Clone();
        return new OperationPlanner(forum.Service.Model, options).Plan(DocumentParser.Parse(query, options), null, variables);
    }

    [Fact]
    public void TotalCount_is_computed_only_when_selected()
    {
        Assert.DoesNotContain("count(*)", Plan("{ allEvents(first: 2) { nodes { id } } }").RootFields[0].Statement!.Text, StringComparison.Ordinal);
        Assert.Contains("count(*)", Plan("{ allEvents(first: 2) { totalCount } }").RootFields[0].Statement!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void One_statement_per_root_field_whatever_the_depth()
    {
        var plan = Plan("{ a: allGroups { nodes { eventsByGroupId { nodes { commentsByEventId { nodes { commentsByParentId { totalCount } } } } } } } b: eventById(id: 1) { id } c: query { __typename } }");
        Assert.Equal(3, plan.RootFields.Count);
        Assert.All(plan.RootFields, r => Assert.StartsWith("select ", r.Statement!.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_root_typename_is_a_constant_answered_without_the_database()
    {
        var root = Plan("{ t: __typename }").RootFields.Single();
        Assert.Null(root.Statement);
        Assert.Equal("\"Query\"", root.ConstantJson);

        // A database that cannot be reached: the constant is answered anyway, anything that needs SQL is not.
        await using var nowhere = Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=nobody;Timeout=2");
        var client = new GraphQLClient(forum.Service, nowhere);
        var answered = await client.PostRawAsync("""{"query":"{ t: __typename __typename }"}""");
        Assert.Equal(200, answered.StatusCode);
        Assert.Equal("""{"data":{"t":"Query","__typename":"Query"}}""", System.Text.Encoding.UTF8.GetString(answered.Body));
        var needsSql = await client.PostRawAsync("""{"query":"{ __typename allGroups { totalCount } }"}""");
        Assert.Contains("\"errors\"", System.Text.Encoding.UTF8.GetString(needsSql.Body), StringComparison.Ordinal);
        Assert.DoesNotContain("totalCount", System.Text.Encoding.UTF8.GetString(needsSql.Body), StringComparison.Ordinal);
    }

    [Fact]
    public void Literal_and_variable_values_are_parameters_not_text()
    {
        var literal = Plan("{ userByEmail(email: \"evil' or 1=1\") { id } }").RootFields[0].Statement!;
        Assert.DoesNotContain("evil", literal.Text, StringComparison.Ordinal);
        Assert.Contains(new ConstantParameter("evil' or 1=1"), literal.Parameters);
        var variable = Plan("query($e: String!) { userByEmail(email: $e) { id } }", "{\"e\": \"evil\"}").RootFields[0].Statement!;
        Assert.DoesNotContain("evil", variable.Text, StringComparison.Ordinal);
        Assert.Empty(Plan("query($e: String!) { userByEmail(email: $e) { id } }", "{\"e\": \"x\"}").StructuralVariables);
    }

    [Fact]
    public void Shape_changing_variables_are_reported_for_the_plan_cache()
    {
        var plan = Plan("query($o: [EventsOrderBy!], $i: Boolean!) { allEvents(orderBy: $o) { nodes { id @include(if: $i) } } }", "{\"o\": [\"TITLE_ASC\"], \"i\": true}");
        Assert.Equal(new HashSet<string> { "o", "i" }, plan.StructuralVariables);
    }
}
