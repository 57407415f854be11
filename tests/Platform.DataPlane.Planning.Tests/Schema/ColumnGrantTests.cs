using System.Text.Json;
using Npgsql;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Planning.Tests.Support;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Schema;

/// <summary>
/// Column-level INSERT, UPDATE and SELECT grants shape the inputs and types as PostGraphile v4 with RBAC does, seen
/// through a NOINHERIT authenticator (which holds no privilege itself); @omit actions on tables and columns too.
/// </summary>
public sealed class ColumnGrantTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Inputs_carry_exactly_the_granted_columns_and_omit_tags_remove_exactly_their_actions()
    {
        var user = "user_" + db.Name;
        await db.ExecuteAsync($"""
            create schema app;
            create table app.event (id serial primary key, title text not null);
            create table app.comment (id serial primary key, event_id int not null references app.event(id), body text not null,
              flagged boolean not null default false);
            create table app.profile (id int primary key, name text, secret text);
            insert into app.profile values (1, 'ada', 'hidden');
            create table app.tag (id int primary key, name text, internal text);
            create table app.note (id int primary key, body text);
            insert into app.event (title) values ('launch');
            insert into app.comment (event_id, body) values (1, 'first');
            comment on table app.event is E'@omit create,update,delete';
            comment on table app.tag is E'@omit all';
            comment on table app.note is E'@omit :CU';
            comment on column app.tag.internal is E'@omit create,update';
            create role "{user}" nologin;
            grant usage on schema app to "{user}";
            grant select, insert, update, delete on app.event, app.tag, app.note to "{user}";
            grant select on app.comment to "{user}";
            grant select (id, name) on app.profile to "{user}";
            grant insert (event_id, body) on app.comment to "{user}";
            grant update (body) on app.comment to "{user}";
            grant usage on sequence app.comment_id_seq to "{user}";
            """);
        var authenticator = await Authenticator.CreateAsync(db, user);
        try
        {
            await using var source = NpgsqlDataSource.Create(authenticator.ConnectionString);
            var service = await GraphQLService.CreateAsync(source, new GraphQLServiceOptions(["app"], ExposedRoles: [user]), CancellationToken.None);
            var client = new GraphQLClient(service, source);
            var session = new GraphQLSession(user);

            Assert.Equal(["eventId", "body"], await InputFieldsAsync(client, "CommentInput"));
            Assert.Equal(["body"], await InputFieldsAsync(client, "CommentPatch"));
            Assert.Equal(["id", "name"], await InputFieldsAsync(client, "TagInput"));
            Assert.Equal(["id", "name"], await InputFieldsAsync(client, "TagPatch"));
            Assert.Contains("internal", await FieldsAsync(client, "Tag"));
            Assert.Equal(["nodeId", "id", "name"], await FieldsAsync(client, "Profile"));

            var mutations = await FieldsAsync(client, "Mutation");
            Assert.Contains("createComment", mutations);
            Assert.Contains("updateCommentById", mutations);
            Assert.DoesNotContain("deleteCommentById", mutations);
            Assert.DoesNotContain(mutations, m => m.EndsWith("Event", StringComparison.Ordinal) || m.Contains("EventBy", StringComparison.Ordinal));
            Assert.Contains("createTag", mutations);
            Assert.Contains("deleteTagById", mutations);
            Assert.Contains("deleteNoteById", mutations);
            Assert.DoesNotContain("createNote", mutations);
            Assert.DoesNotContain("updateNoteById", mutations);
            var query = await FieldsAsync(client, "Query");
            Assert.Contains("allComments", query);
            Assert.Contains("allProfiles", query);
            Assert.Contains("tagById", query);
            Assert.DoesNotContain("allTags", query);

            var created = await client.QueryAsync("mutation { createComment(input: {comment: {eventId: 1, body: \"second\"}}) { comment { id body flagged } } }", null, session);
            Assert.Equal("second", created.Data("createComment").GetProperty("comment").GetProperty("body").GetString());
            var id = created.Data("createComment").GetProperty("comment").GetProperty("id").GetInt32();
            var updated = await client.QueryAsync($"mutation {{ updateCommentById(input: {{id: {id}, commentPatch: {{body: \"edited\"}}}}) {{ comment {{ body }} }} }}", null, session);
            Assert.Equal("edited", updated.Data("updateCommentById").GetProperty("comment").GetProperty("body").GetString());
            var read = await client.QueryAsync("{ allComments(orderBy: ID_ASC) { nodes { body } } }", null, session);
            Assert.Equal(["first", "edited"], read.Data("allComments").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("body").GetString()));

            // SELECT granted on some columns only: the table reads with those columns. (Its mutations would fail with
            // 42501 as PostGraphile v4's do, since a mutation returns the whole row: graphile-engine#260.)
            var profiles = await client.QueryAsync("{ allProfiles { nodes { id name } } }", null, session);
            Assert.Equal("ada", profiles.Data("allProfiles").GetProperty("nodes")[0].GetProperty("name").GetString());
        }
        finally
        {
            await authenticator.DropAsync(db);
            await db.ExecuteAsync($"drop owned by \"{user}\"; drop role \"{user}\"");
        }
    }

    private static async Task<List<string>> FieldsAsync(GraphQLClient client, string type) =>
        (await client.QueryAsync($"{{ __type(name: \"{type}\") {{ fields {{ name }} }} }}")).Data("__type").GetProperty("fields")
            .EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToList();

    private static async Task<List<string>> InputFieldsAsync(GraphQLClient client, string type) =>
        (await client.QueryAsync($"{{ __type(name: \"{type}\") {{ inputFields {{ name }} }} }}")).Data("__type").GetProperty("inputFields")
            .EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToList();
}
