using System.Text.Json;
using Npgsql;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Execution.Database;
using Platform.DataPlane.Planning.Tests.Support;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Schema;

/// <summary>
/// The schema shows what any role a request may run as can use (PostGraphile v5's rule), introspected by a connection
/// that can do everything: a table, column or function no exposed role may use is absent; PostgreSQL refuses the rest.
/// </summary>
public sealed class ExposedRolesTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Schema_is_the_union_of_what_the_exposed_roles_may_use()
    {
        var reader = "reader_" + db.Name;
        var writer = "writer_" + db.Name;
        await db.ExecuteAsync($"""
            create table post (id int primary key, title text not null, draft_notes text);
            create table vote (id serial primary key, post_id int not null references post(id));
            create table audit (id serial primary key, what text);
            insert into post values (1, 'hello', 'private');
            create function post_count() returns bigint stable language sql as $$ select count(*) from post $$;
            create function purge() returns int volatile language sql as $$ select 0 $$;
            revoke execute on function purge() from public;
            create role "{reader}" nologin;
            create role "{writer}" nologin;
            grant usage on schema public to "{reader}", "{writer}";
            grant select (id, title) on post to "{reader}";
            grant select, insert on vote to "{writer}";
            grant usage on sequence vote_id_seq to "{writer}";
            grant select on post to "{writer}";
            """);
        try
        {
            var options = new GraphQLServiceOptions(["public"], ExposedRoles: [reader, writer]);
            var service = await GraphQLService.CreateAsync(db.DataSource, options, CancellationToken.None);
            var mutations = await FieldNamesAsync(service, "Mutation");
            var queries = await FieldNamesAsync(service, "Query");
            var postFields = await FieldNamesAsync(service, "Post");

            Assert.Contains("allPosts", queries);
            Assert.Contains("allVotes", queries);
            Assert.DoesNotContain("allAudits", queries);
            Assert.Contains("postCount", queries);
            Assert.Contains("createVote", mutations);
            Assert.DoesNotContain("createPost", mutations);
            Assert.DoesNotContain("updatePostById", mutations);
            Assert.DoesNotContain("purge", mutations);
            Assert.Contains("draftNotes", postFields); // the writer may read every column

            // Only the connection's role: everything it owns is there.
            var owner = await GraphQLService.CreateAsync(db.DataSource, GraphQLServiceOptions.Default, CancellationToken.None);
            Assert.Contains("allAudits", await FieldNamesAsync(owner, "Query"));
            Assert.Contains("purge", await FieldNamesAsync(owner, "Mutation"));

            // A field in the schema that this request's role may not use: PostgreSQL says no, nothing is written.
            var asReader = new GraphQLSession(reader, new Dictionary<string, string>());
            var denied = await RunAsync(service, "mutation { createVote(input: {vote: {postId: 1}}) { vote { id } } }", asReader);
            Assert.Equal("42501", denied.Code());
            Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from vote"));
            var readNotes = await RunAsync(service, "{ allPosts { nodes { draftNotes } } }", asReader);
            Assert.True(readNotes.TryGetProperty("errors", out _));
            var title = await RunAsync(service, "{ postById(id: 1) { title } }", asReader);
            Assert.Equal("hello", title.Data("postById").GetProperty("title").GetString());

            // Column grants: a connection reads only the columns selected, so the reader pages through posts, both ways.
            var page = await RunAsync(service, "{ allPosts(orderBy: TITLE_DESC, first: 5) { totalCount nodes { id title } edges { cursor } } }", asReader);
            Assert.Equal("hello", page.Data("allPosts").GetProperty("nodes")[0].GetProperty("title").GetString());
            var cursor = page.Data("allPosts").GetProperty("edges")[0].GetProperty("cursor").GetString();
            var back = await RunAsync(service, $$"""{ allPosts(orderBy: TITLE_DESC, last: 5, before: "{{cursor}}") { nodes { id } } }""", asReader);
            Assert.Equal(0, back.Data("allPosts").GetProperty("nodes").GetArrayLength());
            var natural = await RunAsync(service, "{ allPosts(orderBy: NATURAL) { nodes { title } } }", asReader);
            Assert.Equal("hello", natural.Data("allPosts").GetProperty("nodes")[0].GetProperty("title").GetString());
            var asWriter = new GraphQLSession(writer, new Dictionary<string, string>());
            var voted = await RunAsync(service, "mutation { createVote(input: {vote: {postId: 1}}) { vote { postId } } }", asWriter);
            Assert.Equal(1, voted.Data("createVote").GetProperty("vote").GetProperty("postId").GetInt32());

            // The snapshot records whose privileges shaped it, so a stored one is not reused for other roles.
            var snapshot = await CatalogReader.ReadAsync(db.DataSource, ["public"], options.RoleList, CancellationToken.None);
            Assert.True(options.MadeFor(snapshot));
            Assert.False(new GraphQLServiceOptions(["public"], ExposedRoles: [reader]).MadeFor(snapshot));
            Assert.False(GraphQLServiceOptions.Default.MadeFor(snapshot));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await db.ExecuteAsync($"drop owned by \"{reader}\"; drop owned by \"{writer}\"; drop role \"{reader}\"; drop role \"{writer}\"");
        }
    }

    private async Task<List<string?>> FieldNamesAsync(GraphQLService service, string type)
    {
        var json = await RunAsync(service, $"{{ __type(name: \"{type}\") {{ fields {{ name }} }} }}", null);
        return json.Data("__type").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
    }

    private Task<JsonElement> RunAsync(GraphQLService service, string query, GraphQLSession? session) =>
        new GraphQLClient(service, db.DataSource).QueryAsync(query, null, session);
}
