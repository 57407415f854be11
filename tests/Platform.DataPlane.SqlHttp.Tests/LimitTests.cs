using System.Text;
using Npgsql;
using Platform.DataPlane.SqlHttp.Tests.Support;
using Platform.Testing.Hosting;
using Xunit;

namespace Platform.DataPlane.SqlHttp.Tests;

public sealed class LimitTests(SqlHttpDatabase db) : IClassFixture<SqlHttpDatabase>
{
    private static readonly SqlHttpOptions SmallResponses = new(MaxResponseBytes: 64 * 1024);

    [Fact]
    public async Task Too_many_rows_answer_response_too_large_and_leave_the_connection_usable()
    {
        var dataSource = db.CreateDataSource(b => b.MaxPoolSize = 1);
        var pid = await BackendPidAsync(dataSource);

        var result = await SqlOverHttp.PostAsync(dataSource, """{"query": "select g, repeat('x', 100) as filler from generate_series(1, 10000000) g"}""", SmallResponses);

        Assert.Equal(400, result.Status);
        Assert.Equal("RESPONSE_TOO_LARGE", result.Code);
        Assert.Equal(pid, await BackendPidAsync(dataSource));
    }

    [Fact]
    public async Task One_huge_value_is_refused_before_it_is_read()
    {
        var result = await SqlOverHttp.PostAsync(db.Api, """{"query": "select repeat('x', 20000000) as big"}""", SmallResponses);

        Assert.Equal(400, result.Status);
        Assert.Equal("RESPONSE_TOO_LARGE", result.Code);
    }

    [Fact]
    public async Task A_response_under_the_cap_is_answered_whole()
    {
        var response = await SqlHttpExecutor.ExecuteAsync(
            db.Api, Encoding.UTF8.GetBytes("""{"query": "select repeat('x', 1000) as filler from generate_series(1, 50)"}"""), SmallResponses, CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.InRange(response.Body.Length, 50 * 1000, SmallResponses.MaxResponseBytes);
    }

    [Fact]
    public async Task A_batch_over_the_cap_is_rolled_back()
    {
        await db.ExecuteAsync("create table capped (id int)");

        var result = await SqlOverHttp.PostAsync(db.Api, """
            {"queries": [{"query": "insert into capped values (1)"}, {"query": "select repeat('x', 1000) from generate_series(1, 1000)"}]}
            """, SmallResponses);

        Assert.Equal(400, result.Status);
        Assert.Equal("RESPONSE_TOO_LARGE", result.Code);
        Assert.Equal(1, result.Body.GetProperty("statementIndex").GetInt32());
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from capped"));
    }

    [Fact]
    public async Task The_command_timeout_answers_statement_timeout_and_the_same_connection_serves_next()
    {
        var dataSource = db.CreateDataSource(b =>
        {
            b.MaxPoolSize = 1;
            b.CommandTimeout = 1;
        });
        var pid = await BackendPidAsync(dataSource);

        var result = await SqlOverHttp.QueryAsync(dataSource, "select pg_sleep(30)");

        Assert.Equal(400, result.Status);
        Assert.Equal("STATEMENT_TIMEOUT", result.Code);
        Assert.Equal(pid, await BackendPidAsync(dataSource));
    }

    [Fact]
    public async Task The_server_statement_timeout_answers_statement_timeout_and_the_same_connection_serves_next()
    {
        var dataSource = db.CreateDataSource(b =>
        {
            b.MaxPoolSize = 1;
            b.Options = "-c statement_timeout=200";
        });
        var pid = await BackendPidAsync(dataSource);

        var single = await SqlOverHttp.QueryAsync(dataSource, "select pg_sleep(30)");
        var batch = await SqlOverHttp.PostAsync(dataSource, """{"queries": [{"query": "select 1"}, {"query": "select pg_sleep(30)"}]}""");

        Assert.Equal("STATEMENT_TIMEOUT", single.Code);
        Assert.Equal(400, single.Status);
        Assert.Equal("STATEMENT_TIMEOUT", batch.Code);
        Assert.Equal(1, batch.Body.GetProperty("statementIndex").GetInt32());
        Assert.Equal(pid, await BackendPidAsync(dataSource));
    }

    [Fact]
    public async Task An_exhausted_pool_answers_503_pool_timeout_with_retry_after()
    {
        var dataSource = db.CreateDataSource(b =>
        {
            b.MaxPoolSize = 1;
            // Also the connect timeout, so not too short for a first connection while other test classes start up.
            b.Timeout = 3;
        });
        await using (var held = await dataSource.OpenConnectionAsync())
        {
            var result = await SqlOverHttp.QueryAsync(dataSource, "select 1");

            Assert.Equal(503, result.Status);
            Assert.Equal("POOL_TIMEOUT", result.Code);
            Assert.Equal(1, result.RetryAfterSeconds);
        }

        Assert.Equal(200, (await SqlOverHttp.QueryAsync(dataSource, "select 1")).Status);
    }

    [Fact]
    public async Task An_unreachable_database_answers_503_database_unavailable()
    {
        var dataSource = db.CreateDataSource(b =>
        {
            b.Host = "127.0.0.1";
            b.Port = FreePort.Next();
            b.Timeout = 2;
        });

        var result = await SqlOverHttp.QueryAsync(dataSource, "select 1");

        Assert.Equal(503, result.Status);
        Assert.Equal("DATABASE_UNAVAILABLE", result.Code);
        Assert.NotNull(result.RetryAfterSeconds);
    }

    [Fact]
    public async Task A_refused_login_answers_503_database_unavailable()
    {
        var dataSource = db.CreateDataSource(b => b.Password = "not-the-password");

        var result = await SqlOverHttp.QueryAsync(dataSource, "select 1");

        Assert.Equal(503, result.Status);
        Assert.Equal("DATABASE_UNAVAILABLE", result.Code);
    }

    [Fact]
    public async Task A_connection_killed_mid_request_answers_503_and_the_pool_recovers()
    {
        var dataSource = db.CreateDataSource(b => b.MaxPoolSize = 1);

        var result = await SqlOverHttp.QueryAsync(dataSource, "select pg_terminate_backend(pg_backend_pid())");

        Assert.Equal(503, result.Status);
        Assert.Equal("DATABASE_UNAVAILABLE", result.Code);
        Assert.Equal(200, (await SqlOverHttp.QueryAsync(dataSource, "select 1")).Status);
    }

    [Fact]
    public async Task Cancelling_the_request_cancels_the_statement_and_frees_the_connection()
    {
        var dataSource = db.CreateDataSource(b => b.MaxPoolSize = 1);
        var pid = await BackendPidAsync(dataSource);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            SqlHttpExecutor.ExecuteAsync(dataSource, Encoding.UTF8.GetBytes("""{"query": "select pg_sleep(30)"}"""), new SqlHttpOptions(), cancel.Token));

        Assert.Equal(pid, await BackendPidAsync(dataSource));
    }

    private static async Task<int> BackendPidAsync(NpgsqlDataSource dataSource)
    {
        var result = await SqlOverHttp.QueryAsync(dataSource, "select pg_backend_pid() as pid");
        Assert.Equal(200, result.Status);
        return result.Row(0).GetProperty("pid").GetInt32();
    }
}
