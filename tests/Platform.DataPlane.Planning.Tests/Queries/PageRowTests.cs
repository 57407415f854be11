using System.Text.Json;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Planning.Tests.Support;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Queries;

/// <summary>
/// A connection's page carries only the selected columns, with nulls elsewhere; the shapes where that cannot work
/// (a NOT NULL domain column, a computed column that takes the whole row) still answer correctly.
/// </summary>
public sealed class PageRowTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Pages_work_with_not_null_domains_and_computed_columns()
    {
        await db.ExecuteAsync("""
            create domain qty as int not null check (value > 0);
            create table stock (id serial primary key, name text not null, amount qty, note text);
            insert into stock (name, amount, note) values ('bolt', 5, 'a'), ('nut', 7, null);
            create table plain (id serial primary key, name text not null, secret text not null);
            insert into plain (name, secret) values ('x', 's1'), ('y', 's2');
            create function plain_label(p plain) returns text stable language sql as $$ select p.name || ':' || p.secret $$;
            """);
        var service = await GraphQLService.CreateAsync(db.DataSource, GraphQLServiceOptions.Default, CancellationToken.None);

        var stock = await RunAsync(service, "{ allStocks(orderBy: NAME_ASC) { nodes { name } } }");
        Assert.Equal("bolt,nut", string.Join(",", stock.Data("allStocks").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString())));

        var labels = await RunAsync(service, "{ allPlains(orderBy: ID_ASC) { nodes { label } } }");
        Assert.Equal("x:s1,y:s2", string.Join(",", labels.Data("allPlains").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("label").GetString())));

        // Unselected columns are null inside the page, never in the answer: a nested relation still correlates on the key.
        var names = await RunAsync(service, "{ allPlains(orderBy: NAME_DESC, first: 1) { nodes { name } pageInfo { hasNextPage } } }");
        Assert.Equal("y", names.Data("allPlains").GetProperty("nodes")[0].GetProperty("name").GetString());
        Assert.True(names.Data("allPlains").GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    private Task<JsonElement> RunAsync(GraphQLService service, string query) =>
        new GraphQLClient(service, db.DataSource).QueryAsync(query);
}
