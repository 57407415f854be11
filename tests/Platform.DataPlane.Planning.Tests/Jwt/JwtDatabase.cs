using Platform.DataPlane.Execution;
using Platform.DataPlane.Execution.Jwt;
using Platform.DataPlane.Planning.Tests.Support;
using Platform.Testing.Postgres;

namespace Platform.DataPlane.Planning.Tests.Jwt;

/// <summary>A database with a JWT type returned every way a function can return it, and a service that mints it.</summary>
public sealed class JwtDatabase : TestDatabase
{
    public const string Secret = "a-test-secret-that-is-long-enough-for-hs256";

    public GraphQLClient Client { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ExecuteAsync("""
            create type jwt_token as (role text, user_id integer, exp bigint);
            create table account (id serial primary key, email text unique not null, password text not null);
            insert into account (email, password) values ('a@example.com', 'right');
            create function authenticate(email text, password text) returns jwt_token volatile language sql as $$
              select ('app_user', a.id, 2000000000)::jwt_token from account a
              where a.email = authenticate.email and a.password = authenticate.password $$;
            create function current_token() returns jwt_token stable language sql as $$ select ('app_user', 7, null)::jwt_token $$;
            create function empty_token() returns jwt_token stable language sql as $$ select (null, null, null)::jwt_token $$;
            create function all_tokens() returns setof jwt_token stable language sql as $$ values (('r1', 1, 2000000000)::jwt_token), (('r2', 2, 2000000000)::jwt_token) $$;
            create function account_token(a account) returns jwt_token stable language sql as $$ select ('app_user', a.id, 2000000000)::jwt_token $$;
            create function token_role(t jwt_token) returns text stable language sql as $$ select t.role $$;
            create table note (id int primary key, body json);
            insert into note values (1, '{"role":"admin","user_id":1}');
            """);
        var options = GraphQLServiceOptions.Default with { Jwt = new JwtMinting("public.jwt_token", Secret, "my-audience") };
        Client = new GraphQLClient(await GraphQLService.CreateAsync(DataSource, options, CancellationToken.None), DataSource);
    }
}
