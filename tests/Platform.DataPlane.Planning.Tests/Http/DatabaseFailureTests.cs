using Npgsql;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Planning.Tests.Support;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Http;

/// <summary>Database trouble becomes the platform's error codes, never a raw driver exception.</summary>
public sealed class DatabaseFailureTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private async Task<GraphQLService> ServiceAsync(GraphQLServiceOptions? options = null)
    {
        await db.ExecuteAsync("""
            create table if not exists item (id int primary key, name text);
            insert into item select i, 'item ' || i from generate_series(1, 200) i on conflict do nothing;
            create or replace function slow_answer(ms int) returns int stable language sql as $$ select ms from pg_sleep(ms / 1000.0) $$;
            """);
        return await GraphQLService.CreateAsync(db.DataSource, options ?? GraphQLServiceOptions.Default, CancellationToken.None);
    }

    private static Task<GraphQLHttpResponse> PostAsync(GraphQLService service, NpgsqlDataSource dataSource, string query) =>
        new GraphQLClient(service, dataSource).PostAsync(query);

    [Fact]
    public async Task Exhausted_pool_is_503_pool_timeout()
    {
        var service = await ServiceAsync();
        var builder = new NpgsqlConnectionStringBuilder(db.ConnectionString) { MaxPoolSize = 1, Timeout = 1 };
        await using var tiny = NpgsqlDataSource.Create(builder.ConnectionString);
        await using var held = await tiny.OpenConnectionAsync();
        var response = await PostAsync(service, tiny, "{ itemById(id: 1) { name } }");
        Assert.Equal(503, response.StatusCode);
        Assert.Equal("POOL_TIMEOUT", GraphQLClient.Json(response).Code());
    }

    [Fact]
    public async Task Statement_timeout_is_reported_and_the_connection_stays_usable()
    {
        var service = await ServiceAsync();
        var builder = new NpgsqlConnectionStringBuilder(db.ConnectionString) { MaxPoolSize = 1, Options = "-c statement_timeout=100" };
        await using var limited = NpgsqlDataSource.Create(builder.ConnectionString);
        var slow = await PostAsync(service, limited, "{ slowAnswer(ms: 2000) }");
        Assert.Equal(200, slow.StatusCode);
        Assert.Equal("STATEMENT_TIMEOUT", GraphQLClient.Json(slow).Code());
        var after = GraphQLClient.Json(await PostAsync(service, limited, "{ slowAnswer(ms: 1) itemById(id: 2) { name } }"));
        Assert.Equal("item 2", after.Data("itemById").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Unreachable_database_is_503_database_unavailable()
    {
        var service = await ServiceAsync();
        var builder = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Port = Platform.Testing.Hosting.FreePort.Next(), Timeout = 2 };
        await using var dead = NpgsqlDataSource.Create(builder.ConnectionString);
        var response = await PostAsync(service, dead, "{ itemById(id: 1) { name } }");
        Assert.Equal(503, response.StatusCode);
        Assert.Equal("DATABASE_UNAVAILABLE", GraphQLClient.Json(response).Code());
    }

    [Fact]
    public async Task Oversized_responses_are_replaced_by_an_error()
    {
        var service = await ServiceAsync(GraphQLServiceOptions.Default with { MaxResponseBytes = 2000 });
        var small = GraphQLClient.Json(await PostAsync(service, db.DataSource, "{ allItems(first: 2) { nodes { name } } }"));
        Assert.Equal(2, small.Data("allItems").GetProperty("nodes").GetArrayLength());
        var big = GraphQLClient.Json(await PostAsync(service, db.DataSource, "{ allItems { nodes { id name } } }"));
        Assert.Equal("RESPONSE_TOO_LARGE", big.Code());
    }

    [Fact]
    public async Task Many_concurrent_requests_share_one_service_correctly()
    {
        var service = await ServiceAsync();
        var client = new GraphQLClient(service, db.DataSource);
        var tasks = Enumerable.Range(1, 64).Select(async i =>
        {
            var json = await client.QueryAsync(
                i % 2 == 0 ? "query($id: Int!) { itemById(id: $id) { name } }" : "query($id: Int!) { allItems(condition: {id: $id}) { nodes { name } } }",
                new { id = i });
            var name = i % 2 == 0
                ? json.Data("itemById").GetProperty("name").GetString()
                : json.Data("allItems").GetProperty("nodes")[0].GetProperty("name").GetString();
            return (i, name);
        });
        foreach (var (i, name) in await Task.WhenAll(tasks))
        {
            Assert.Equal("item " + i, name);
        }
    }
}
