using Platform.DataPlane.Execution;
using Platform.DataPlane.Planning.Tests.Support;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Http;

/// <summary>Requests run as a role with JWT claims as settings, so row-level security applies as in PostGraphile.</summary>
public sealed class SessionTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Role_and_claims_drive_row_level_security_and_do_not_leak_to_the_next_request()
    {
        var role = "reader_" + db.Name;
        await db.ExecuteAsync($"""
            create table note (id int primary key, owner text not null, body text not null);
            insert into note values (1, 'alice', 'a1'), (2, 'bob', 'b1'), (3, 'alice', 'a2');
            alter table note enable row level security;
            create policy own_notes on note for select using (owner = current_setting('jwt.claims.sub', true));
            create function whoami() returns text stable language sql as $$ select current_user || ':' || coalesce(nullif(current_setting('jwt.claims.sub', true), ''), '-') $$;
            create role "{role}" nologin;
            grant usage on schema public to "{role}";
            grant select on note to "{role}";
            grant execute on function whoami() to "{role}";
            create function whoami_or(fail boolean) returns text stable language plpgsql as $$ begin if fail then raise exception 'boom'; end if; return 'ok'; end $$;
            grant execute on function whoami_or(boolean) to "{role}";
            """);
        try
        {
            var service = await GraphQLService.CreateAsync(db.DataSource, GraphQLServiceOptions.Default, CancellationToken.None);
            const string query = "{ allNotes { nodes { body } } whoami }";
            var body = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { query }));
            var request = new GraphQLHttpRequest("POST", "application/json", null, body, null);
            await using var oneConnection = Npgsql.NpgsqlDataSource.Create(new Npgsql.NpgsqlConnectionStringBuilder(db.ConnectionString) { MaxPoolSize = 1 }.ConnectionString);

            var asAlice = new GraphQLSession(role, new Dictionary<string, string> { ["jwt.claims.sub"] = "alice" });
            await service.ExecuteAsync(oneConnection, request, asAlice, CancellationToken.None);

            // Once the statements are prepared on the connection, BEGIN, settings, statements and COMMIT go in one batch.
            using var trips = new RoundTripCounter(db.Name);
            var alice = GraphQLClient.Json(await service.ExecuteAsync(oneConnection, request, asAlice, CancellationToken.None));
            Assert.Equal(1, trips.Count);
            Assert.Equal(["a1", "a2"], alice.Data("allNotes").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("body").GetString()));
            Assert.Equal(role + ":alice", alice.Data("whoami").GetString());

            var bob = GraphQLClient.Json(await service.ExecuteAsync(oneConnection, request, new GraphQLSession(role, new Dictionary<string, string> { ["jwt.claims.sub"] = "bob" }), CancellationToken.None));
            Assert.Equal(["b1"], bob.Data("allNotes").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("body").GetString()));

            // A failing statement inside the session transaction must not leave it open on the pooled connection.
            var failing = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { query = "{ noteById(id: 1) { body } broken: whoamiOr(fail: true) }" }));
            var failed = GraphQLClient.Json(await service.ExecuteAsync(oneConnection, new GraphQLHttpRequest("POST", "application/json", null, failing, null), new GraphQLSession(role, new Dictionary<string, string> { ["jwt.claims.sub"] = "bob" }), CancellationToken.None));
            Assert.Equal("DATABASE_ERROR", failed.Code());

            // Same physical connection, no session: the owner again, with no claim left behind (PostgreSQL leaves an empty placeholder).
            var owner = GraphQLClient.Json(await service.ExecuteAsync(oneConnection, request, CancellationToken.None));
            Assert.EndsWith(":-", owner.Data("whoami").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain(role, owner.Data("whoami").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await db.ExecuteAsync($"drop owned by \"{role}\"; drop role \"{role}\"");
        }
    }
}
