using System.Text.Json;
using GraphQLParser;
using GraphQLParser.AST;
using Platform.DataPlane.Execution.Caching;
using Platform.DataPlane.Planning.Plans;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Caching;

/// <summary>
/// The plan cache's keys and bounds without a database: plans are parsed documents with an empty root list, so only
/// what the cache itself decides is under test (which requests share a plan, which are evicted).
/// </summary>
[Trait("Tier", "Fast")]
public sealed class PlanCacheTests
{
    private int planned;

    [Fact]
    public async Task Undeclared_variables_never_make_new_plans()
    {
        var cache = new PlanCache();
        const string query = "query($first: Int) { items(first: $first) { id } }";
        for (var i = 0; i < 20; i++)
        {
            await GetAsync(cache, query, variables: $$"""{"first": 1, "made_up_{{i}}": {{i}}}""");
        }

        Assert.Equal(1, planned);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task Values_of_parameter_variables_share_one_plan_but_null_plans_apart()
    {
        var cache = new PlanCache();
        const string query = "query($id: Int) { item(id: $id) { id } }";
        foreach (var id in new[] { "1", "2", "3" })
        {
            await GetAsync(cache, query, variables: $$"""{"id": {{id}}}""");
        }

        Assert.Equal(1, planned);
        var (_, hit) = await GetAsync(cache, query, variables: """{"id": null}""");
        Assert.False(hit);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public async Task Each_value_of_a_structural_variable_has_its_own_plan()
    {
        var cache = new PlanCache();
        const string query = "query($order: [ItemsOrderBy!]) { items(orderBy: $order) { id } }";
        await GetAsync(cache, query, ["order"], """{"order": ["ID_ASC"]}""");
        await GetAsync(cache, query, ["order"], """{"order": ["ID_DESC"]}""");
        var (_, hit) = await GetAsync(cache, query, ["order"], """{"order": ["ID_ASC"]}""");

        Assert.True(hit);
        Assert.Equal(2, planned);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public async Task Node_id_variables_key_the_plan_on_the_table_they_name_only()
    {
        var cache = new PlanCache();
        const string query = "query($id: ID!) { node(nodeId: $id) { id } }";
        var tables = new Dictionary<string, int> { ["items"] = 1, ["pairs"] = 2 };
        IReadOnlySet<NodeIdVariable> nodeIds = new HashSet<NodeIdVariable> { new(new VariableParameter("id", ValueFormat.Scalar), tables) };
        for (var i = 0; i < 1000; i++)
        {
            await GetAsync(cache, query, variables: $$"""{"id": "{{Id($"[\"items\",{i}]")}}"}""", nodeIds: nodeIds);
        }

        Assert.Equal(1, planned);
        await GetAsync(cache, query, variables: $$"""{"id": "{{Id("[\"pairs\",1,2]")}}"}""", nodeIds: nodeIds);
        Assert.Equal(2, planned);

        // Unknown tables, wrong key counts and garbage all plan as "no such node": one plan between them.
        foreach (var id in new[] { Id("[\"made_up\",1]"), Id("[\"items\",1,2]"), Id("[\"pairs\",1]"), "garbage", Id("{}") })
        {
            await GetAsync(cache, query, variables: $$"""{"id": "{{id}}"}""", nodeIds: nodeIds);
        }

        Assert.Equal(3, planned);
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public async Task Operations_of_one_document_are_planned_apart()
    {
        var cache = new PlanCache();
        const string query = "query A { a: items { id } } query B { b: items { id } }";
        await GetAsync(cache, query, operation: "A");
        await GetAsync(cache, query, operation: "B");
        var (plan, hit) = await GetAsync(cache, query, operation: "A");

        Assert.True(hit);
        Assert.Equal("A", plan.Operation.Name!.StringValue);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public async Task A_document_keeps_at_most_its_variants_the_least_recently_used_going_first()
    {
        var cache = new PlanCache(new PlanCacheLimits(MaxVariantsPerDocument: 3));
        const string query = "query($v: Int) { item(id: $v) { id } }";
        const string other = "{ other { id } }";
        await GetAsync(cache, other);
        foreach (var v in new[] { 0, 1, 2 })
        {
            await GetAsync(cache, query, ["v"], $$"""{"v": {{v}}}""");
        }

        await GetAsync(cache, query, ["v"], """{"v": 0}""");
        await GetAsync(cache, query, ["v"], """{"v": 3}""");

        Assert.Equal(4, cache.Count);
        Assert.True((await GetAsync(cache, query, ["v"], """{"v": 0}""")).Hit);
        Assert.True((await GetAsync(cache, other)).Hit, "another document's plan is not evicted for this one's variants");
        Assert.False((await GetAsync(cache, query, ["v"], """{"v": 1}""")).Hit);
    }

    [Fact]
    public async Task Many_documents_stay_within_the_entry_bound_and_the_recent_ones_stay()
    {
        var cache = new PlanCache(new PlanCacheLimits(MaxEntries: 5));
        for (var i = 0; i < 12; i++)
        {
            await GetAsync(cache, $"{{ a{i}: items {{ id }} }}");
        }

        Assert.Equal(5, cache.Count);
        Assert.True((await GetAsync(cache, "{ a11: items { id } }")).Hit);
        Assert.False((await GetAsync(cache, "{ a0: items { id } }")).Hit);
    }

    [Fact]
    public async Task Large_documents_stay_within_the_byte_bound()
    {
        const long maxBytes = 100_000;
        var cache = new PlanCache(new PlanCacheLimits(MaxBytes: maxBytes));
        for (var i = 0; i < 20; i++)
        {
            // About 40 KB estimated each: a few fit, never twenty.
            await GetAsync(cache, $"{{ a{i}: items {{ id }} }}" + new string(' ', 5000));
            Assert.True(cache.Bytes <= maxBytes, $"{cache.Bytes} bytes held");
        }

        Assert.InRange(cache.Count, 1, 3);
        Assert.True((await GetAsync(cache, "{ a19: items { id } }" + new string(' ', 5000))).Hit);
    }

    private static string Id(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json));

    private async Task<(CachedOperation Operation, bool Hit)> GetAsync(
        PlanCache cache, string query, string[]? structural = null, string? variables = null, string? operation = null, IReadOnlySet<NodeIdVariable>? nodeIds = null)
    {
        JsonElement? vars = variables is null ? null : JsonDocument.Parse(variables).RootElement;
        return await cache.GetOrAddAsync(query, operation, vars, () =>
        {
            planned++;
            var document = Parser.Parse(query);
            var op = document.Definitions.OfType<GraphQLOperationDefinition>()
                .First(o => operation is null || o.Name?.StringValue == operation);
            var plan = new OperationPlan("query", operation, [], new HashSet<string>(structural ?? [], StringComparer.Ordinal), nodeIds);
            return Task.FromResult(new CachedOperation(document, op, plan));
        });
    }
}
