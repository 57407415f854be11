using System.Text.Json;
using Platform.DataPlane.Execution;
using Platform.DataPlane.SqlHttp.Neon;
using Platform.DataPlane.SqlHttp.Tests.Support;
using Xunit;

namespace Platform.DataPlane.SqlHttp.Tests;

/// <summary>
/// The executor with Neon's headers and a session, on a pool of one connection so anything one request left behind
/// would show in the next.
/// </summary>
public sealed class NeonProtocolTests(SqlHttpDatabase db) : IClassFixture<SqlHttpDatabase>, IAsyncLifetime
{
    private static readonly Dictionary<string, string> NeonDriver = new() { ["Neon-Raw-Text-Output"] = "true", ["Neon-Array-Mode"] = "true" };
    private Npgsql.NpgsqlDataSource pool = null!;

    public async Task InitializeAsync()
    {
        pool = db.CreateDataSource(b =>
        {
            // As the grain's tenant data source: repeated texts are prepared automatically.
            b.MaxPoolSize = 1;
            b.MaxAutoPrepare = 256;
            b.AutoPrepareMinUsages = 2;
        });
        await db.ExecuteAsync("""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sqlhttp_end_user') THEN CREATE ROLE sqlhttp_end_user NOLOGIN; END IF;
            END $$;
            CREATE TABLE IF NOT EXISTS secrets (owner int, body text);
            ALTER TABLE secrets ENABLE ROW LEVEL SECURITY;
            DROP POLICY IF EXISTS mine ON secrets;
            CREATE POLICY mine ON secrets TO sqlhttp_end_user USING (owner = current_setting('jwt.claims.sub')::int);
            GRANT SELECT ON secrets TO sqlhttp_end_user;
            TRUNCATE secrets;
            INSERT INTO secrets VALUES (1, 'one'), (2, 'two');
            """);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_session_runs_one_query_in_a_transaction_as_its_role_and_leaves_nothing_behind()
    {
        var user = EndUser(1);
        var result = await PostAsync("""{"query":"select current_user as r, current_setting('jwt.claims.sub') as sub, body from secrets"}""", user);
        Assert.Equal(200, result.Status);
        Assert.Equal("""[["sqlhttp_end_user","1","one"]]""", result.Rows.GetRawText());

        // PostgreSQL keeps a custom setting's name once used in a session (as ''), never its value.
        var after = await PostAsync("""{"query":"select current_user = session_user as same, nullif(current_setting('jwt.claims.sub', true), '') as sub"}""", new SqlHttpContext(NeonDriver));
        Assert.Equal("""[["t",null]]""", after.Rows.GetRawText());
    }

    [Theory]
    [InlineData("set role postgres")]
    [InlineData("SET LOCAL jwt.claims.sub = '2'")]
    [InlineData("reset role")]
    [InlineData("select set_config('jwt.claims.sub', '2', true)")]
    [InlineData("select pg_catalog.\\\"set_config\\\"('role', 'postgres', true)")]
    [InlineData("select SET_CONFIG('role', 'postgres', false)")]
    [InlineData("select query_to_xml('select 1', true, true, '')")]
    [InlineData("do $$ begin perform 1; end $$")]
    public async Task Under_an_end_user_token_statements_that_could_rewrite_role_or_claims_are_refused(string sql)
    {
        var result = await PostAsync($$"""{"query":"{{sql}}"}""", EndUser(1));
        Assert.Equal(400, result.Status);
        Assert.Equal("BAD_REQUEST", result.Code);
        Assert.Contains("end-user token", result.Body.GetProperty("message").GetString(), StringComparison.Ordinal);

        // The same statement from a service key is the service key's business.
        var service = await PostAsync($$"""{"queries":[{"query":"{{sql}}"}]}""", new SqlHttpContext(NeonDriver));
        Assert.Equal(200, service.Status);
    }

    [Fact]
    public async Task The_words_in_strings_and_comments_are_not_refused()
    {
        var result = await PostAsync("""{"query":"select 'set_config(''role'', ''x'', true)' as s -- set_config\n"}""", EndUser(2));
        Assert.Equal(200, result.Status);
    }

    [Fact]
    public async Task Batch_headers_set_isolation_read_only_and_deferrable_before_the_first_statement()
    {
        var headers = new Dictionary<string, string>(NeonDriver)
        {
            ["Neon-Batch-Isolation-Level"] = "Serializable",
            ["Neon-Batch-Read-Only"] = "true",
            ["Neon-Batch-Deferrable"] = "true",
        };
        var result = await PostAsync("""
            {"queries":[{"query":"select current_setting('transaction_isolation'), current_setting('transaction_read_only'), current_setting('transaction_deferrable'), current_user"}]}
            """, new SqlHttpContext(headers, new GraphQLSession("sqlhttp_end_user", new Dictionary<string, string> { ["jwt.claims.sub"] = "1" }), EndUser: true));
        Assert.Equal(200, result.Status);
        Assert.Equal("""[["serializable","on","on","sqlhttp_end_user"]]""", result.Body.GetProperty("results")[0].GetProperty("rows").GetRawText());
    }

    [Fact]
    public async Task Neon_fields_and_errors_have_node_postgres_shapes()
    {
        var ok = await PostAsync("""{"query":"select owner, body from secrets where owner = $1","params":["1"]}""", new SqlHttpContext(NeonDriver));
        var owner = ok.Body.GetProperty("fields")[0];
        Assert.Equal(23, owner.GetProperty("dataTypeID").GetInt32());
        Assert.Equal(1, owner.GetProperty("columnID").GetInt32());
        Assert.Equal(await db.ScalarAsync<uint>("select 'secrets'::regclass::oid"), owner.GetProperty("tableID").GetUInt32());
        Assert.Equal(4, owner.GetProperty("dataTypeSize").GetInt32());
        Assert.Equal("text", owner.GetProperty("format").GetString());
        Assert.Equal("""[["1","one"]]""", ok.Rows.GetRawText());

        var error = await PostAsync("""{"query":"select nope from secrets"}""", new SqlHttpContext(NeonDriver));
        Assert.Equal(400, error.Status);
        Assert.Equal("42703", error.Code);
        Assert.Equal(JsonValueKind.String, error.Body.GetProperty("position").ValueKind);
        Assert.Equal("8", error.Body.GetProperty("position").GetString());
        Assert.False(string.IsNullOrEmpty(error.Body.GetProperty("routine").GetString()));
    }

    [Fact]
    public async Task Under_a_session_the_role_marker_neither_moves_error_positions_nor_lets_a_parse_cross_roles()
    {
        var error = await PostAsync("""{"query":"select nope from secrets"}""", EndUser(1));
        Assert.Equal("42703", error.Code);
        Assert.Equal("8", error.Body.GetProperty("position").GetString());

        // Schema USAGE is checked when PostgreSQL parses. The login runs the text often enough to be prepared on the
        // connection; the end user, who may select from the table but not use its schema, must not reuse that parse.
        await db.ExecuteAsync("""
            CREATE SCHEMA IF NOT EXISTS hidden;
            CREATE TABLE IF NOT EXISTS hidden.t (x int);
            GRANT SELECT ON hidden.t TO sqlhttp_end_user;
            """);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await PostAsync("""{"query":"select count(*) from hidden.t"}""", new SqlHttpContext(NeonDriver))).Status);
        }

        var reused = await PostAsync("""{"query":"select count(*) from hidden.t"}""", EndUser(1));
        Assert.Equal("42501", reused.Code);
    }

    [Theory]
    [InlineData("Neon-Batch-Isolation-Level", "Chaos")]
    [InlineData("Neon-Array-Mode", "yes")]
    [InlineData("Neon-Batch-Read-Only", "1")]
    public async Task A_header_value_the_driver_would_never_send_is_a_bad_request(string name, string value)
    {
        var result = await PostAsync("""{"query":"select 1"}""", new SqlHttpContext(new Dictionary<string, string> { [name] = value }));
        Assert.Equal(400, result.Status);
        Assert.Contains(name, result.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static SqlHttpContext EndUser(int sub) =>
        new(NeonDriver, new GraphQLSession("sqlhttp_end_user", new Dictionary<string, string> { ["jwt.claims.sub"] = sub.ToString(System.Globalization.CultureInfo.InvariantCulture) }), EndUser: true);

    private Task<SqlHttpResult> PostAsync(string body, SqlHttpContext context) => SqlOverHttp.PostAsync(pool, body, null, context);
}
