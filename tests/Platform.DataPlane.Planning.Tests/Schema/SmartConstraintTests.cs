using Platform.DataPlane.Execution;
using Platform.DataPlane.Planning.Tests.Support;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Schema;

/// <summary>@primaryKey, @unique and @foreignKey smart tags on views and tables, as PostGraphile v4 reads them.</summary>
public sealed class SmartConstraintTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Views_get_keys_lookups_nodes_and_relations_from_smart_tags()
    {
        await db.ExecuteAsync("""
            create table person (id int primary key, email text not null, name text);
            create table post (id int primary key, author_id int not null references person(id), title text);
            insert into person values (1, 'ada@example.com', 'Ada'), (2, 'bob@example.com', 'Bob');
            insert into post values (10, 1, 'Hello'), (11, 1, 'Again'), (12, 2, 'Hi');
            create view post_view as select id, author_id, upper(title) as title from post;
            comment on table person is E'@unique email\n@unique name';
            comment on view post_view is E'@primaryKey id\n@foreignKey (author_id) references person (id)|@fieldName writer|@foreignFieldName shoutedPosts\nPosts, shouted.';
            create view broken_view as select 1 as id;
            comment on view broken_view is E'@primaryKey nope';
            """);
        var service = await GraphQLService.CreateAsync(db.DataSource, GraphQLServiceOptions.Default, CancellationToken.None);
        var client = new GraphQLClient(service, db.DataSource);

        Assert.Contains(service.Warnings, w => w.Code == "SMART_TAG_IGNORED" && w.Message.Contains("broken_view", StringComparison.Ordinal));
        var data = await client.QueryAsync("""
            { postViewById(id: 11) { nodeId title writer { name } }
              personByEmail(email: "ada@example.com") { shoutedPosts(orderBy: ID_ASC) { nodes { title } } }
              personByName(name: "Bob") { id } }
            """);
        var view = data.Data("postViewById");
        Assert.Equal("AGAIN", view.GetProperty("title").GetString());
        Assert.Equal("Ada", view.GetProperty("writer").GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(view.GetProperty("nodeId").GetString()));
        Assert.Equal(["HELLO", "AGAIN"], data.Data("personByEmail").GetProperty("shoutedPosts").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("title").GetString()));
        Assert.Equal(2, data.Data("personByName").GetProperty("id").GetInt32());

        var node = await client.QueryAsync("query($id: ID!) { node(nodeId: $id) { ... on PostView { title } } }", new { id = view.GetProperty("nodeId").GetString() });
        Assert.Equal("AGAIN", node.Data("node").GetProperty("title").GetString());
    }
}
