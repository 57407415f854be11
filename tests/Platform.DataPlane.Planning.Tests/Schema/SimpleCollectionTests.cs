using Platform.DataPlane.Execution;
using Platform.DataPlane.Planning.Tests.Support;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Schema;

/// <summary>
/// <c>@simpleCollections only</c> on a table, as PostGraphile v4 reads it: its collections are plain lists
/// (<c>allXsList</c>, <c>xsByYList</c>) and its connections are gone. (<c>both</c> is compared with v4 itself in the
/// conformance suite, corners/07.)
/// </summary>
public sealed class SimpleCollectionTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Simple_collections_only_replaces_the_connections_with_lists()
    {
        await db.ExecuteAsync("""
            create table shelf (id int primary key, label text not null);
            create table book (id int primary key, shelf_id int not null references shelf(id), title text not null);
            insert into shelf values (1, 'fiction'), (2, 'poetry');
            insert into book values (10, 1, 'Dune'), (11, 1, 'Emma'), (12, 1, 'Ulysses'), (13, 2, 'Odes'), (14, 1, 'Beloved');
            comment on table book is E'@simpleCollections only';
            """);
        var service = await GraphQLService.CreateAsync(db.DataSource, GraphQLServiceOptions.Default, CancellationToken.None);
        var client = new GraphQLClient(service, db.DataSource);

        var query = await FieldsAsync(client, "Query");
        Assert.Contains("allBooksList", query);
        Assert.DoesNotContain("allBooks", query);
        Assert.Contains("allShelves", query);
        Assert.DoesNotContain("allShelvesList", query);
        var shelf = await FieldsAsync(client, "Shelf");
        Assert.Contains("booksByShelfIdList", shelf);
        Assert.DoesNotContain("booksByShelfId", shelf);

        var data = await client.QueryAsync("""
            query($n: Int) {
              allBooksList(condition: { shelfId: 1 }, orderBy: TITLE_DESC, first: $n, offset: 1) { title }
              shelfById(id: 1) { booksByShelfIdList(orderBy: [ID_DESC], first: 2) { id shelfByShelfId { label } } }
              empty: allBooksList(condition: { shelfId: 3 }) { id }
            }
            """, new { n = 2 });
        Assert.Equal(["Emma", "Dune"], data.Data("allBooksList").EnumerateArray().Select(b => b.GetProperty("title").GetString()));
        var books = data.Data("shelfById").GetProperty("booksByShelfIdList");
        Assert.Equal([14, 12], books.EnumerateArray().Select(b => b.GetProperty("id").GetInt32()));
        Assert.Equal("fiction", books[0].GetProperty("shelfByShelfId").GetProperty("label").GetString());
        Assert.Equal(0, data.Data("empty").GetArrayLength());
    }

    private static async Task<List<string>> FieldsAsync(GraphQLClient client, string type) =>
        (await client.QueryAsync($"{{ __type(name: \"{type}\") {{ fields {{ name }} }} }}")).Data("__type").GetProperty("fields")
            .EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToList();
}
