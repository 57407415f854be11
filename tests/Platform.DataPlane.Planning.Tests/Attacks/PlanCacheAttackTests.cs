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
/// The cache now keys only on declared variables and holds a bounded number of plans per document and in all.
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
            insert into item select g, 'item ' || g from generate_series(1, 300) g;
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
    public async Task Distinct_node_ids_in_one_large_document_stay_within_the_per_document_bound()
    {
        // A large document (padding in an alias list) asked with many node ids: each id is a structural value.
        var padding = string.Join(" ", Enumerable.Range(0, 400).Select(i => $"a{i}: __typename"));
        var query = "query($id: ID!) { " + padding + " node(nodeId: $id) { ... on Item { id name } } }";
        var ids = await NodeIdsAsync(60);
        foreach (var id in ids)
        {
            var body = await client.QueryAsync(query, new { id });
            Assert.True(body.GetProperty("data").GetProperty("node").ValueKind == JsonValueKind.Object, body.ToString());
        }

        Assert.True(service.CachedPlans.Count <= 8 + 2, $"{service.CachedPlans.Count} plans held for one document");

        // The bound evicts the least recently used variant; a plan asked again is planned again and answers the same.
        var again = await client.QueryAsync(query, new { id = ids[0] });
        Assert.Equal(1, again.GetProperty("data").GetProperty("node").GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Many_distinct_documents_stay_within_the_byte_and_entry_bounds()
    {
        for (var i = 0; i < 150; i++)
        {
            var padding = new string(' ', 20_000);
            var body = await client.QueryAsync("{ a" + i + ": allItems(first: 1) { totalCount }" + padding + "}");
            Assert.Equal(300, body.GetProperty("data").GetProperty("a" + i).GetProperty("totalCount").GetInt32());
        }

        var (count, bytes) = service.CachedPlans;
        Assert.True(count <= 100, $"{count} plans");
        Assert.True(bytes <= 4 * 1024 * 1024, $"{bytes} bytes");
    }

    private async Task<string[]> NodeIdsAsync(int count)
    {
        var body = await client.QueryAsync($"{{ allItems(first: {count}, orderBy: ID_ASC) {{ nodes {{ nodeId }} }} }}");
        return body.GetProperty("data").GetProperty("allItems").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("nodeId").GetString()!).ToArray();
    }
}
