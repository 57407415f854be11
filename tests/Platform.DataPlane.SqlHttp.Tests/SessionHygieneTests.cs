using Platform.DataPlane.SqlHttp.Tests.Support;
using Xunit;

namespace Platform.DataPlane.SqlHttp.Tests;

/// <summary>
/// On a pool of one connection, whatever a request leaves in its session must be gone for the next request.
/// The same backend answers both, so the state was reset, not dropped with a new connection.
/// </summary>
public sealed class SessionHygieneTests(SqlHttpDatabase db) : IClassFixture<SqlHttpDatabase>
{
    private const string SessionState = """
        select pg_backend_pid() as pid, current_user = session_user as own_role, current_setting('search_path') as search_path,
               (select count(*) from pg_class where relnamespace = pg_my_temp_schema()) as temp_tables,
               (select count(*) from pg_listening_channels()) as channels,
               (select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()) as advisory_locks,
               current_setting('statement_timeout') as statement_timeout, current_setting('transaction_read_only') as read_only,
               (select count(*) from pg_cursors where is_holdable) as held_cursors,
               current_setting('app.tenant', true) as app_setting
        """;

    [Theory]
    [InlineData("set role pg_monitor")]
    [InlineData("set session authorization default")]
    [InlineData("set search_path = pg_catalog")]
    [InlineData("create temp table leftover (x int)")]
    [InlineData("listen leftover_channel")]
    [InlineData("select pg_advisory_lock(42)")]
    [InlineData("set statement_timeout = 1")]
    [InlineData("set session characteristics as transaction read only")]
    [InlineData("select set_config('app.tenant', 'other tenant', false)")]
    [InlineData("declare leftover cursor with hold for select 1")]
    public async Task Session_state_does_not_reach_the_next_request(string dirty)
    {
        var dataSource = db.CreateDataSource(b => b.MaxPoolSize = 1);
        var before = await SqlOverHttp.QueryAsync(dataSource, SessionState);

        var dirtied = await SqlOverHttp.QueryAsync(dataSource, dirty);
        var after = await SqlOverHttp.QueryAsync(dataSource, SessionState);

        Assert.Equal(200, dirtied.Status);
        Assert.Equal(200, after.Status);
        var state = after.Row(0);
        Assert.Equal(before.Row(0).GetProperty("pid").GetInt32(), state.GetProperty("pid").GetInt32());
        Assert.True(state.GetProperty("own_role").GetBoolean());
        Assert.Equal(before.Row(0).GetProperty("search_path").GetString(), state.GetProperty("search_path").GetString());
        Assert.Equal("0", state.GetProperty("temp_tables").GetString());
        Assert.Equal("0", state.GetProperty("channels").GetString());
        Assert.Equal("0", state.GetProperty("advisory_locks").GetString());
        Assert.Equal("0", state.GetProperty("statement_timeout").GetString());
        Assert.Equal("off", state.GetProperty("read_only").GetString());
        Assert.Equal("0", state.GetProperty("held_cursors").GetString());
        Assert.NotEqual("other tenant", state.GetProperty("app_setting").GetString());
    }

    [Fact]
    public async Task Batch_session_state_does_not_reach_the_next_request_either()
    {
        var dataSource = db.CreateDataSource(b => b.MaxPoolSize = 1);

        var dirtied = await SqlOverHttp.PostAsync(dataSource, """
            {"queries": [{"query": "set search_path = pg_catalog"}, {"query": "create temp table batch_leftover (x int)"}, {"query": "set role pg_monitor"}]}
            """);
        var after = await SqlOverHttp.QueryAsync(dataSource, SessionState);

        Assert.Equal(200, dirtied.Status);
        Assert.True(after.Row(0).GetProperty("own_role").GetBoolean());
        Assert.Equal("\"$user\", public", after.Row(0).GetProperty("search_path").GetString());
        Assert.Equal("0", after.Row(0).GetProperty("temp_tables").GetString());
    }
}
