using Platform.DataPlane.SqlHttp.Tests.Support;
using Xunit;

namespace Platform.DataPlane.SqlHttp.Tests;

public sealed class ErrorTests(SqlHttpDatabase db) : IClassFixture<SqlHttpDatabase>
{
    [Fact]
    public async Task A_syntax_error_has_its_sqlstate_and_position()
    {
        var result = await SqlOverHttp.QueryAsync(db.Api, "select 1 from from nowhere");

        Assert.Equal(400, result.Status);
        Assert.Equal("42601", result.Code);
        Assert.Contains("syntax error", result.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(15, result.Body.GetProperty("position").GetInt32());
        Assert.Equal("ERROR", result.Body.GetProperty("severity").GetString());
        Assert.False(result.Body.TryGetProperty("statementIndex", out _));
    }

    [Fact]
    public async Task A_unique_violation_has_detail_table_and_constraint()
    {
        await db.ExecuteAsync("create table people (id int constraint people_pkey primary key)");
        await SqlOverHttp.QueryAsync(db.Api, "insert into people values ($1)", 1);

        var result = await SqlOverHttp.QueryAsync(db.Api, "insert into people values ($1)", 1);

        Assert.Equal(400, result.Status);
        Assert.Equal("23505", result.Code);
        Assert.Equal("Key (id)=(1) already exists.", result.Body.GetProperty("detail").GetString());
        Assert.Equal("people", result.Body.GetProperty("table").GetString());
        Assert.Equal("public", result.Body.GetProperty("schema").GetString());
        Assert.Equal("people_pkey", result.Body.GetProperty("constraint").GetString());
    }

    [Fact]
    public async Task An_unknown_function_comes_with_postgresql_hint()
    {
        var result = await SqlOverHttp.QueryAsync(db.Api, "select no_such_function(1)");

        Assert.Equal(400, result.Status);
        Assert.Equal("42883", result.Code);
        Assert.Contains("No function matches", result.Body.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_is_left_out_when_the_data_source_redacts_it()
    {
        await db.ExecuteAsync("create table redacted (id int primary key); insert into redacted values (1)");
        var dataSource = db.CreateDataSource(b => b.IncludeErrorDetail = false);

        var result = await SqlOverHttp.QueryAsync(dataSource, "insert into redacted values (1)");

        Assert.Equal("23505", result.Code);
        Assert.False(result.Body.TryGetProperty("detail", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"query\": \"select 1\"")]
    [InlineData("[]")]
    [InlineData("\"select 1\"")]
    [InlineData("{}")]
    [InlineData("{\"sql\": \"select 1\"}")]
    [InlineData("{\"query\": 1}")]
    [InlineData("{\"query\": null}")]
    [InlineData("{\"query\": \"select 1\", \"queries\": []}")]
    [InlineData("{\"query\": \"select $1\", \"params\": {\"a\": 1}}")]
    [InlineData("{\"query\": \"select $1\", \"params\": \"1\"}")]
    [InlineData("{\"query\": \"select 1\", \"arrayMode\": \"yes\"}")]
    [InlineData("{\"queries\": {\"query\": \"select 1\"}}")]
    [InlineData("{\"queries\": [\"select 1\"]}")]
    [InlineData("{\"queries\": [{\"params\": []}]}")]
    [InlineData("{\"query\": \"\"}")]
    [InlineData("{\"query\": \"  -- only a comment\\n /* and another */ ; \"}")]
    [InlineData("{\"query\": \"select 1\\u0000\"}")]
    public async Task Malformed_bodies_are_bad_requests(string body)
    {
        var result = await SqlOverHttp.PostAsync(db.Api, body);

        Assert.Equal(400, result.Status);
        Assert.Equal("BAD_REQUEST", result.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Body.GetProperty("message").GetString()));
    }

    [Theory]
    [InlineData("select 1; select 2")]
    [InlineData("select 1; drop table if exists nothing_here")]
    [InlineData("select $$a$$; select 2")]
    [InlineData("begin")]
    [InlineData("START TRANSACTION")]
    [InlineData("commit")]
    [InlineData("end")]
    [InlineData("rollback")]
    [InlineData("/* leading */ Rollback work")]
    [InlineData("prepare p as select 1")]
    [InlineData("deallocate all")]
    [InlineData("discard all")]
    [InlineData("copy (select 1) to stdout")]
    public async Task Statements_that_would_escape_the_request_are_refused(string sql)
    {
        var result = await SqlOverHttp.QueryAsync(db.Api, sql);

        Assert.Equal(400, result.Status);
        Assert.Equal("BAD_REQUEST", result.Code);
    }

    [Fact]
    public async Task Multiple_statements_are_refused_with_parameters_too()
    {
        var result = await SqlOverHttp.QueryAsync(db.Api, "select $1::int; select 2", 1);

        Assert.Equal(400, result.Status);
        Assert.Equal("BAD_REQUEST", result.Code);
    }

    [Fact]
    public async Task Semicolons_inside_strings_identifiers_comments_and_dollar_quotes_are_not_boundaries()
    {
        const string Sql = """
            select ';' as a, $$;$$ as b, $tag$ ; $$ ; $tag$ as c, E'\';' as d, 'it''s;' as "x;y" -- ; trailing
            /* ; /* nested ; */ still ; */ ;
            """;

        var result = await SqlOverHttp.QueryAsync(db.Api, Sql);

        Assert.Equal(200, result.Status);
        var row = result.Row(0);
        Assert.Equal(";", row.GetProperty("a").GetString());
        Assert.Equal(";", row.GetProperty("b").GetString());
        Assert.Equal(" ; $$ ; ", row.GetProperty("c").GetString());
        Assert.Equal("';", row.GetProperty("d").GetString());
        Assert.Equal("it's;", row.GetProperty("x;y").GetString());
    }
}
