using Platform.DataPlane.SqlHttp.Tests.Support;
using Xunit;

namespace Platform.DataPlane.SqlHttp.Tests;

public sealed class BatchTests(SqlHttpDatabase db) : IClassFixture<SqlHttpDatabase>
{
    [Fact]
    public async Task A_batch_commits_and_answers_one_result_per_statement()
    {
        var result = await SqlOverHttp.PostAsync(db.Api, """
            {"queries": [
              {"query": "create table batch_ok (id int primary key, name text)"},
              {"query": "insert into batch_ok values ($1, $2), ($3, $4)", "params": [1, "a", 2, "b"]},
              {"query": "select id, name from batch_ok order by id", "arrayMode": true},
              {"query": "select count(*) as n from batch_ok"}
            ]}
            """);

        Assert.Equal(200, result.Status);
        var results = result.Body.GetProperty("results");
        Assert.Equal(4, results.GetArrayLength());
        Assert.Equal("CREATE", results[0].GetProperty("command").GetString());
        Assert.Equal(2, results[1].GetProperty("rowCount").GetInt32());
        Assert.Equal("""[[1,"a"],[2,"b"]]""", results[2].GetProperty("rows").GetRawText());
        Assert.Equal("2", results[3].GetProperty("rows")[0].GetProperty("n").GetString());
        Assert.Equal(2L, await db.ScalarAsync<long>("select count(*) from batch_ok"));
    }

    [Fact]
    public async Task A_failing_statement_rolls_back_the_whole_batch_and_is_named()
    {
        await db.ExecuteAsync("create table batch_rollback (id int primary key)");

        var result = await SqlOverHttp.PostAsync(db.Api, """
            {"queries": [
              {"query": "insert into batch_rollback values (1)"},
              {"query": "insert into batch_rollback values (1)"},
              {"query": "insert into batch_rollback values (3)"}
            ]}
            """);

        Assert.Equal(400, result.Status);
        Assert.Equal("23505", result.Code);
        Assert.Equal(1, result.Body.GetProperty("statementIndex").GetInt32());
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from batch_rollback"));
    }

    [Fact]
    public async Task A_failure_at_commit_rolls_back_and_names_no_statement()
    {
        await db.ExecuteAsync("create table batch_deferred (id int, constraint batch_deferred_unique unique (id) deferrable initially deferred)");

        var result = await SqlOverHttp.PostAsync(db.Api, """{"queries": [{"query": "insert into batch_deferred values (1)"}, {"query": "insert into batch_deferred values (1)"}]}""");

        Assert.Equal(400, result.Status);
        Assert.Equal("23505", result.Code);
        Assert.False(result.Body.TryGetProperty("statementIndex", out _));
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from batch_deferred"));
    }

    [Fact]
    public async Task Transaction_control_inside_a_batch_is_refused_before_anything_runs()
    {
        await db.ExecuteAsync("create table batch_commit (id int)");

        var result = await SqlOverHttp.PostAsync(db.Api, """
            {"queries": [{"query": "insert into batch_commit values (1)"}, {"query": "commit"}, {"query": "select 1/0"}]}
            """);

        Assert.Equal(400, result.Status);
        Assert.Equal("BAD_REQUEST", result.Code);
        Assert.Equal(1, result.Body.GetProperty("statementIndex").GetInt32());
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from batch_commit"));
    }

    [Fact]
    public async Task Savepoints_work_inside_a_batch()
    {
        await db.ExecuteAsync("create table batch_savepoint (id int)");

        var result = await SqlOverHttp.PostAsync(db.Api, """
            {"queries": [
              {"query": "insert into batch_savepoint values (1)"},
              {"query": "savepoint s"},
              {"query": "insert into batch_savepoint values (2)"},
              {"query": "rollback to savepoint s"},
              {"query": "release s"}
            ]}
            """);

        Assert.Equal(200, result.Status);
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from batch_savepoint"));
    }

    [Fact]
    public async Task An_empty_batch_answers_no_results()
    {
        var result = await SqlOverHttp.PostAsync(db.Api, """{"queries": []}""");

        Assert.Equal(200, result.Status);
        Assert.Equal("[]", result.Body.GetProperty("results").GetRawText());
    }

    [Fact]
    public async Task More_statements_than_allowed_are_refused()
    {
        var body = "{\"queries\": [" + string.Join(",", Enumerable.Repeat("{\"query\": \"select 1\"}", 4)) + "]}";

        var result = await SqlOverHttp.PostAsync(db.Api, body, new SqlHttpOptions(MaxStatements: 3));

        Assert.Equal(400, result.Status);
        Assert.Equal("BAD_REQUEST", result.Code);
        Assert.Contains("at most 3", result.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_entry_is_named_by_its_index()
    {
        var result = await SqlOverHttp.PostAsync(db.Api, """{"queries": [{"query": "select 1"}, {"query": "select $1", "params": "x"}]}""");

        Assert.Equal(400, result.Status);
        Assert.Equal("BAD_REQUEST", result.Code);
        Assert.Equal(1, result.Body.GetProperty("statementIndex").GetInt32());
    }
}
