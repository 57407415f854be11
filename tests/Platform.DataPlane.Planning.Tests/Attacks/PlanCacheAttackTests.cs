using System.Text.Json;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Execution.Caching;
using Platform.DataPlane.Planning.Tests.Support;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Attacks;

/// <summary>
/// #19, high: each distinct structural variable value (node ids, orderBy) and even each undeclared variable name made
/// a new cached plan holding its own copy of the document, so one client could grow a silo's memory without bound.
/// The cache now keys only on declared variables and holds a bounded number of plans per document and in all; node id
/// keys, cursors, page sizes and condition values are bound as parameters, so one plan serves every value.
/// </summary>
public sealed class PlanCacheAttackTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private GraphQLService service = null!;
    private GraphQLClient client = null!;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        await database.ExecuteAsync("""
            create table item (id int primary key, name text not null);
            insert into item select g, 'item ' || g from generate_series(1, 1000) g;
            create table other (a int, b int, primary key (a, b));
            insert into other values (1, 2);
            create type tone as enum ('low', 'mid', 'high');
            create table chord (id int primary key, tones tone[]);
            insert into chord select g, array[(array['low','mid','high'])[1 + g % 3], (array['low','mid','high'])[1 + (g / 3) % 3]]::tone[]
              from generate_series(1, 9) g;
            insert into chord values (10, '{}'), (11, null);
            """);
        service = await GraphQLService.CreateAsync(database.DataSource,
            GraphQLServiceOptions.Default with { PlanCache = new PlanCacheLimits(MaxEntries: 100, MaxBytes: 4 * 1024 * 1024, MaxVariantsPerDocument: 8) },
            CancellationToken.None);
        client = new GraphQLClient(service, database.DataSource);
    }

    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Undeclared_variables_never_make_new_plans()
    {
        const string query = "{ allItems(first: 1) { nodes { id } } }";
        for (var i = 0; i < 50; i++)
        {
            var body = await client.QueryAsync(query, new Dictionary<string, object> { ["made_up_" + i] = i });
            Assert.Equal(1, body.GetProperty("data").GetProperty("allItems").GetProperty("nodes")[0].GetProperty("id").GetInt32());
        }

        Assert.Equal(1, service.CachedPlans.Count);
    }

    [Fact]
    public async Task A_thousand_node_ids_through_a_variable_share_one_plan_even_in_a_large_document()
    {
        // A large document (padding in an alias list): before, each id was a structural value with its own plan.
        var padding = string.Join(" ", Enumerable.Range(0, 400).Select(i => $"a{i}: __typename"));
        var query = "query($id: ID!) { " + padding + " node(nodeId: $id) { ... on Item { id name } } item(nodeId: $id) { id } }";
        var ids = await NodeIdsAsync(1000);
        var before = service.CachedPlans.Count;
        for (var i = 0; i < ids.Length; i++)
        {
            var body = await client.QueryAsync(query, new { id = ids[i] });
            var data = body.GetProperty("data");
            Assert.True(data.GetProperty("node").ValueKind == JsonValueKind.Object, body.ToString());
            Assert.Equal(i + 1, data.GetProperty("node").GetProperty("id").GetInt32());
            Assert.Equal("item " + (i + 1), data.GetProperty("node").GetProperty("name").GetString());
            Assert.Equal(i + 1, data.GetProperty("item").GetProperty("id").GetInt32());
        }

        Assert.Equal(before + 1, service.CachedPlans.Count);
    }

    [Fact]
    public async Task Node_ids_of_other_tables_or_of_none_keep_one_plan_per_table_and_one_for_the_rest()
    {
        const string query = "query($id: ID!) { node(nodeId: $id) { __typename ... on Item { id } ... on Other { a b } } }";
        var before = service.CachedPlans.Count;
        var refused = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            refused.Add(Base64($"[\"made_up_{i}\",{i}]"));
            refused.Add(Base64($"[\"items\",{i},{i}]"));
            refused.Add("not base64 " + i);
        }

        foreach (var id in refused)
        {
            var body = await client.QueryAsync(query, new { id });
            Assert.True(body.GetProperty("data").GetProperty("node").ValueKind == JsonValueKind.Null, id + ": " + body);
        }

        var other = await client.QueryAsync(query, new { id = Base64("[\"others\",1,2]") });
        Assert.Equal(2, other.GetProperty("data").GetProperty("node").GetProperty("b").GetInt32());
        var item = await client.QueryAsync(query, new { id = Base64("[\"items\",7]") });
        Assert.Equal(7, item.GetProperty("data").GetProperty("node").GetProperty("id").GetInt32());

        // One plan for ids of no table (whatever prefix or key count they make up), one per table named.
        Assert.Equal(before + 3, service.CachedPlans.Count);
    }

    [Fact]
    public async Task A_thousand_cursors_page_sizes_and_condition_values_through_variables_share_one_plan()
    {
        const string query = """
            query($first: Int, $after: Cursor, $name: String) {
              allItems(first: $first, after: $after, orderBy: ID_ASC, condition: { name: $name }) { nodes { id } }
            }
            """;
        var page = await client.QueryAsync("{ allItems(orderBy: ID_ASC) { edges { cursor } } }");
        var cursors = page.GetProperty("data").GetProperty("allItems").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("cursor").GetString()!).ToArray();
        var before = service.CachedPlans.Count;
        for (var i = 0; i < cursors.Length; i++)
        {
            var first = 1 + (i % 5);
            var body = await client.QueryAsync(query, new { first, after = cursors[i] });
            var got = body.GetProperty("data").GetProperty("allItems").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetInt32());
            Assert.Equal(Enumerable.Range(i + 2, Math.Min(first, 999 - i)), got);
        }

        for (var i = 1; i <= 1000; i++)
        {
            var body = await client.QueryAsync(query, new { first = 2, after = cursors[0], name = "item " + i });
            var got = body.GetProperty("data").GetProperty("allItems").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetInt32());
            Assert.Equal(i > 1 ? [i] : Array.Empty<int>(), got);
        }

        // Every value of the three variables is a bound parameter; $name unset (no condition) is the one other shape.
        Assert.Equal(before + 2, service.CachedPlans.Count);

        var bad = await client.QueryAsync(query, new { first = 1, after = "bm90IGEgY3Vyc29y" });
        Assert.Equal("INVALID_CURSOR", bad.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Lists_of_enum_values_through_a_variable_share_one_plan()
    {
        const string query = "query($tones: [Tone]) { allChords(condition: { tones: $tones }, orderBy: ID_ASC) { nodes { id tones } } }";
        var names = new[] { "LOW", "MID", "HIGH" };
        var before = service.CachedPlans.Count;
        for (var g = 1; g <= 9; g++)
        {
            var tones = new[] { names[g % 3], names[(g / 3) % 3] };
            var body = await client.QueryAsync(query, new { tones });
            var node = Assert.Single(body.GetProperty("data").GetProperty("allChords").GetProperty("nodes").EnumerateArray());
            Assert.Equal(g, node.GetProperty("id").GetInt32());
            Assert.Equal(tones, node.GetProperty("tones").EnumerateArray().Select(t => t.GetString()));
        }

        var empty = await client.QueryAsync(query, new { tones = Array.Empty<string>() });
        Assert.Equal(10, Assert.Single(empty.GetProperty("data").GetProperty("allChords").GetProperty("nodes").EnumerateArray()).GetProperty("id").GetInt32());
        Assert.Equal(before + 1, service.CachedPlans.Count);
    }

    [Fact]
    public async Task Mutations_by_node_id_through_variables_share_one_plan_and_refuse_other_ids_with_their_code()
    {
        const string byField = """
            mutation($id: ID!, $name: String!) { updateItem(input: { nodeId: $id, itemPatch: { name: $name } }) { item { id name } } }
            """;
        const string byInput = "mutation($input: UpdateItemInput!) { updateItem(input: $input) { item { id name } } }";
        var ids = await NodeIdsAsync(200);
        var before = service.CachedPlans.Count;
        for (var i = 0; i < ids.Length; i++)
        {
            var body = await client.QueryAsync(byField, new { id = ids[i], name = "renamed " + i });
            Assert.Equal("renamed " + i, body.GetProperty("data").GetProperty("updateItem").GetProperty("item").GetProperty("name").GetString());
            body = await client.QueryAsync(byInput, new { input = new { nodeId = ids[i], itemPatch = new { name = "again " + i } } });
            Assert.Equal(i + 1, body.GetProperty("data").GetProperty("updateItem").GetProperty("item").GetProperty("id").GetInt32());
        }

        Assert.Equal(before + 2, service.CachedPlans.Count);
        Assert.Equal("again 199", await database.ScalarAsync<string>("select name from item where id = 200"));

        foreach (var id in new[] { Base64("[\"others\",1,2]"), Base64("[\"items\",1,2]"), "garbage" })
        {
            var body = await client.QueryAsync(byField, new { id, name = "never" });
            Assert.Equal("BAD_USER_INPUT", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        }

        Assert.Equal(0L, await database.ScalarAsync<long>("select count(*) from item where name = 'never'"));
    }

    [Fact]
    public async Task Many_distinct_documents_stay_within_the_byte_and_entry_bounds()
    {
        for (var i = 0; i < 150; i++)
        {
            var padding = new string(' ', 20_000);
            var body = await client.QueryAsync("{ a" + i + ": allItems(first: 1) { totalCount }" + padding + "}");
            Assert.Equal(1000, body.GetProperty("data").GetProperty("a" + i).GetProperty("totalCount").GetInt32());
        }

        var (count, bytes) = service.CachedPlans;
        Assert.True(count <= 100, $"{count} plans");
        Assert.True(bytes <= 4 * 1024 * 1024, $"{bytes} bytes");
    }

    private static string Base64(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json));

    private async Task<string[]> NodeIdsAsync(int count)
    {
        var body = await client.QueryAsync($"{{ allItems(first: {count}, orderBy: ID_ASC) {{ nodes {{ nodeId }} }} }}");
        return body.GetProperty("data").GetProperty("allItems").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("nodeId").GetString()!).ToArray();
    }
}
