using System.Text;
using System.Text.Json;
using Npgsql;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Planning.Tests.Support;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Mutations;

/// <summary>Grants shape the schema, row-level security applies per session, VOLATILE functions are mutations.</summary>
public sealed class SecurityAndFunctionMutationTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static async Task<JsonElement> RunAsync(GraphQLService service, NpgsqlDataSource source, string query, object? variables = null, GraphQLSession? session = null)
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query, variables }));
        return GraphQLClient.Json(await service.ExecuteAsync(source, new GraphQLHttpRequest("POST", "application/json", null, body, null), session, CancellationToken.None));
    }

    [Fact]
    public async Task Grants_rls_and_function_mutations()
    {
        var role = "app_user_" + db.Name;
        await db.ExecuteAsync($"""
            create table account (id int primary key, owner_id int not null, name text not null);
            insert into account values (1, 1, 'a'), (2, 2, 'b');
            alter table account enable row level security;
            create policy all_read on account for select using (true);
            create policy own_write on account for update using (owner_id = current_setting('jwt.claims.user_id', true)::int);
            create table log_entry (id serial primary key, body text);
            create function add_numbers(a int, b int default 10) returns int volatile language sql as $$ select a + b $$;
            create function strict_echo(t text) returns text volatile strict language sql as $$ select t $$;
            create function rename_account(account_id int, new_name text) returns account volatile language sql as $$ update account set name = new_name where id = account_id returning * $$;
            create function all_accounts() returns setof account volatile language sql as $$ select * from account order by id $$;
            create function fail(msg text) returns int volatile language plpgsql as $$ begin raise exception '%', msg; end $$;
            create role "{role}" nologin;
            grant usage on schema public to "{role}";
            grant select, update on account to "{role}";
            grant select on log_entry to "{role}";
            """);
        try
        {
            var owner = await GraphQLService.CreateAsync(db.DataSource, GraphQLServiceOptions.Default, CancellationToken.None);
            await using var asRole = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(db.ConnectionString) { Options = $"-c role={role}" }.ConnectionString);
            var limited = await GraphQLService.CreateAsync(asRole, GraphQLServiceOptions.Default, CancellationToken.None);

            // Introspected as a role without INSERT: no createLogEntry, and a hand-written one fails validation.
            var fields = (await RunAsync(limited, asRole, "{ __type(name: \"Mutation\") { fields { name } } }")).Data("__type").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
            Assert.DoesNotContain("createLogEntry", fields);
            Assert.DoesNotContain("createAccount", fields);
            Assert.Contains("updateAccountById", fields);
            Assert.Contains("createLogEntry", (await RunAsync(owner, db.DataSource, "{ __type(name: \"Mutation\") { fields { name } } }")).Data("__type").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
            var refused = await RunAsync(limited, asRole, "mutation { createLogEntry(input: {logEntry: {body: \"x\"}}) { logEntry { id } } }");
            Assert.Equal("GRAPHQL_VALIDATION_FAILED", refused.Code());

            // Row-level security: user 1 may update its own row, not user 2's.
            var session = new GraphQLSession(role, new Dictionary<string, string> { ["jwt.claims.user_id"] = "1" });
            var own = await RunAsync(owner, db.DataSource, "mutation { updateAccountById(input: {id: 1, accountPatch: {name: \"mine\"}}) { account { name } } }", null, session);
            Assert.Equal("mine", own.Data("updateAccountById").GetProperty("account").GetProperty("name").GetString());
            var other = await RunAsync(owner, db.DataSource, "mutation { updateAccountById(input: {id: 2, accountPatch: {name: \"stolen\"}}) { account { name } } }", null, session);
            Assert.Equal("NOT_FOUND", other.Code());
            Assert.Equal("b", await db.ScalarAsync<string>("select name from account where id = 2"));
            var insert = await RunAsync(owner, db.DataSource, "mutation { createLogEntry(input: {logEntry: {body: \"x\"}}) { logEntry { id } } }", null, session);
            Assert.Equal("42501", insert.Code());

            // Functions: scalar with a default, STRICT with null, row, setof, RAISE EXCEPTION.
            var sum = await RunAsync(owner, db.DataSource, "mutation { addNumbers(input: {a: 1, clientMutationId: \"m\"}) { clientMutationId integer } }");
            Assert.Equal(11, sum.Data("addNumbers").GetProperty("integer").GetInt32());
            var strict = await RunAsync(owner, db.DataSource, "mutation($t: String!) { strictEcho(input: {t: $t}) { string } }", new { t = "it's" });
            Assert.Equal("it's", strict.Data("strictEcho").GetProperty("string").GetString());
            var row = await RunAsync(owner, db.DataSource, "mutation { renameAccount(input: {accountId: 2, newName: \"renamed\"}) { account { id name } } }");
            Assert.Equal("renamed", row.Data("renameAccount").GetProperty("account").GetProperty("name").GetString());
            var set = await RunAsync(owner, db.DataSource, "mutation { allAccounts(input: {}) { accounts { id } } }");
            Assert.Equal(2, set.Data("allAccounts").GetProperty("accounts").GetArrayLength());
            var raised = await RunAsync(owner, db.DataSource, "mutation { fail(input: {msg: \"You shall not pass\"}) { integer } }");
            Assert.Equal("P0001", raised.Code());
            Assert.Equal("You shall not pass", raised.GetProperty("errors")[0].GetProperty("message").GetString());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await db.ExecuteAsync($"drop owned by \"{role}\"; drop role \"{role}\"");
        }
    }
}
