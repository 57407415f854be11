using Npgsql;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Planning.Tests.Support;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Http;

/// <summary>
/// The platform connects as a <c>LOGIN NOINHERIT</c> authenticator, as PostGraphile recommends: it may not use the
/// exposed schema itself, so every statement must be parsed with the request's role already in force.
/// </summary>
public sealed class NoInheritAuthenticatorTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Queries_and_mutations_run_as_the_request_role_and_a_parse_is_never_reused_under_another_role()
    {
        var user = "user_" + db.Name;
        var outsider = "outsider_" + db.Name;
        await db.ExecuteAsync($"""
            create schema app;
            create table app.note (id serial primary key, owner text not null, body text not null);
            insert into app.note (owner, body) values ('alice', 'a1'), ('bob', 'b1');
            create table app.tag (name text primary key);
            insert into app.tag values ('pg');
            alter table app.note enable row level security;
            create policy own on app.note using (owner = current_setting('jwt.claims.sub', true));
            create role "{user}" nologin;
            create role "{outsider}" nologin;
            grant usage on schema app to "{user}";
            grant select, insert, update on app.note to "{user}", "{outsider}";
            grant select on app.tag to "{user}", "{outsider}";
            grant usage on sequence app.note_id_seq to "{user}";
            """);
        var authenticator = await Authenticator.CreateAsync(db, user, outsider);
        try
        {
            // One connection, so every request below reuses what the previous ones prepared on it.
            var builder = new NpgsqlConnectionStringBuilder(authenticator.ConnectionString) { MaxPoolSize = 1, MaxAutoPrepare = 16, AutoPrepareMinUsages = 1 };
            await using var source = NpgsqlDataSource.Create(builder.ConnectionString);
            var options = new GraphQLServiceOptions(["app"], ExposedRoles: [user, outsider]);
            var client = new GraphQLClient(await GraphQLService.CreateAsync(source, options, CancellationToken.None), source);
            var alice = new GraphQLSession(user, new Dictionary<string, string> { ["jwt.claims.sub"] = "alice" });
            const string query = "{ allNotes { nodes { body } } }";

            var first = await client.QueryAsync(query, null, alice);
            Assert.False(first.TryGetProperty("errors", out _), first.ToString());
            Assert.Equal(["a1"], first.Data("allNotes").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("body").GetString()));

            // Prepared now, and still one round trip: BEGIN, settings, statement, COMMIT in one batch.
            using (var trips = new RoundTripCounter(db.Name))
            {
                var again = await client.QueryAsync(query, null, alice);
                Assert.Equal(1, trips.Count);
                Assert.Equal("a1", again.Data("allNotes").GetProperty("nodes")[0].GetProperty("body").GetString());
            }

            // The outsider holds SELECT on the table but not USAGE on its schema: PostgreSQL checks that only at parse
            // time (it parses again for a new role only where row-level security applies), so running the statement
            // the user prepared would let the outsider read through it.
            const string tags = "{ allTags { nodes { name } } }";
            Assert.Equal("pg", (await client.QueryAsync(tags, null, alice)).Data("allTags").GetProperty("nodes")[0].GetProperty("name").GetString());
            Assert.Equal("pg", (await client.QueryAsync(tags, null, alice)).Data("allTags").GetProperty("nodes")[0].GetProperty("name").GetString());
            var refused = await client.QueryAsync(tags, null, new GraphQLSession(outsider, new Dictionary<string, string> { ["jwt.claims.sub"] = "alice" }));
            Assert.Equal("DATABASE_ERROR", refused.Code());
            Assert.Contains("permission denied for schema app", refused.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);

            await using (var probe = source.CreateCommand("select count(*) from pg_prepared_statements where statement like '/* role " + user + " */%'"))
            {
                Assert.True((long)(await probe.ExecuteScalarAsync())! >= 1, "the role's statement should be prepared on the connection");
            }

            // Mutations: the settings go with the first statement, so the insert and its payload see the role and claims.
            const string create = "mutation { createNote(input: {note: {owner: \"alice\", body: \"a2\"}}) { note { body owner } } }";
            var created = await client.QueryAsync(create, null, alice);
            Assert.False(created.TryGetProperty("errors", out _), created.ToString());
            Assert.Equal("a2", created.Data("createNote").GetProperty("note").GetProperty("body").GetString());
            using (var trips = new RoundTripCounter(db.Name))
            {
                await client.QueryAsync(create, null, alice);
                Assert.Equal(2, trips.Count);
            }

            var notMine = await client.QueryAsync(create.Replace("alice", "bob", StringComparison.Ordinal), null, alice);
            Assert.Equal("42501", notMine.Code());
            var outsiderWrite = await client.QueryAsync(create, null, new GraphQLSession(outsider, new Dictionary<string, string> { ["jwt.claims.sub"] = "alice" }));
            Assert.Equal("42501", outsiderWrite.Code());
            Assert.Equal(4L, await db.ScalarAsync<long>("select count(*) from app.note"));
        }
        finally
        {
            await authenticator.DropAsync(db);
            await db.ExecuteAsync($"drop owned by \"{user}\"; drop owned by \"{outsider}\"; drop role \"{user}\"; drop role \"{outsider}\"");
        }
    }
}
