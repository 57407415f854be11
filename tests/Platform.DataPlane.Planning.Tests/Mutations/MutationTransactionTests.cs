using System.Text;
using System.Text.Json;
using Npgsql;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Planning.Tests.Support;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Mutations;

/// <summary>
/// A mutation request commits as a whole or not at all, with its COMMIT sent together with the last payload: a
/// constraint checked only at COMMIT still fails the request, and the one pooled connection comes back clean.
/// </summary>
public sealed class MutationTransactionTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private NpgsqlDataSource source = null!;
    private GraphQLService service = null!;

    public async Task InitializeAsync()
    {
        await db.ExecuteAsync("""
            create table if not exists parent (id int primary key);
            create table if not exists child (id int primary key, parent_id int not null references parent deferrable initially deferred);
            insert into parent values (1) on conflict do nothing;
            """);
        // Each test builds its own service over one connection: every request after a failure runs on the connection the failure used.
        source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(db.ConnectionString) { MaxPoolSize = 1 }.ConnectionString);
        service = await GraphQLService.CreateAsync(source, GraphQLServiceOptions.Default, CancellationToken.None);
    }

    public async Task DisposeAsync() => await source.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_constraint_checked_at_commit_fails_the_request_and_nothing_stays(bool withSession)
    {
        var session = withSession ? new GraphQLSession(null, new Dictionary<string, string> { ["jwt.claims.user_id"] = "1" }) : null;
        var failed = await RunAsync("mutation { createChild(input: {child: {id: 10, parentId: 99}}) { child { id } } }", session);
        Assert.Equal("23503", failed.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from child where id = 10"));

        var ok = await RunAsync("mutation { createChild(input: {child: {id: 11, parentId: 1}}) { child { id parentId } } }", session);
        Assert.Equal(1, ok.GetProperty("data").GetProperty("createChild").GetProperty("child").GetProperty("parentId").GetInt32());
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from child where id = 11"));
        await db.ExecuteAsync("delete from child");
    }

    [Fact]
    public async Task A_later_root_field_failing_rolls_back_the_earlier_ones()
    {
        var failed = await RunAsync("""
            mutation {
              a: createParent(input: {parent: {id: 20}}) { parent { id } }
              b: updateParentById(input: {id: 404, parentPatch: {id: 405}}) { parent { id } }
            }
            """);
        Assert.Equal("NOT_FOUND", failed.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from parent where id = 20"));

        // Both fields' changes land together, and each payload sees the database as the changes left it.
        var ok = await RunAsync("""
            mutation {
              a: createParent(input: {parent: {id: 21}}) { parent { id } }
              b: createChild(input: {child: {id: 22, parentId: 21}}) { child { parentByParentId { id } } }
            }
            """);
        Assert.Equal(21, ok.GetProperty("data").GetProperty("b").GetProperty("child").GetProperty("parentByParentId").GetProperty("id").GetInt32());
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from child where id = 22 and parent_id = 21"));
        await db.ExecuteAsync("delete from child; delete from parent where id <> 1");
    }

    private async Task<JsonElement> RunAsync(string query, GraphQLSession? session = null)
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query }));
        return GraphQLClient.Json(await service.ExecuteAsync(source, new GraphQLHttpRequest("POST", "application/json", null, body, null), session, CancellationToken.None));
    }
}
