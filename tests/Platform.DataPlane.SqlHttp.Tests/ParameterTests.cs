using System.Text.Json;
using Platform.DataPlane.SqlHttp.Tests.Support;
using Xunit;

namespace Platform.DataPlane.SqlHttp.Tests;

public sealed class ParameterTests(SqlHttpDatabase db) : IClassFixture<SqlHttpDatabase>
{
    [Fact]
    public async Task Strings_are_untyped_so_the_statement_decides_the_type()
    {
        var result = await SqlOverHttp.PostAsync(db.Api, """{"query": "select $1::int + 1 as a, $2 as b, $3::date + 1 as c", "params": ["41", "plain", "2024-02-28"]}""");

        Assert.Equal(200, result.Status);
        Assert.Equal(42, result.Row(0).GetProperty("a").GetInt32());
        Assert.Equal("plain", result.Row(0).GetProperty("b").GetString());
        Assert.Equal("2024-02-29", result.Row(0).GetProperty("c").GetString());
    }

    [Fact]
    public async Task Numbers_take_the_type_of_their_context_and_keep_every_digit()
    {
        var result = await SqlOverHttp.PostAsync(db.Api, """
            {"query": "select $1 + 1 as sum, $2::numeric as exact, $3::float8 as f, $4::int8 as big",
             "params": [41, 12345678901234567890.123456789012345678901, 2.5e-3, 9223372036854775807]}
            """);

        Assert.Equal(200, result.Status);
        var row = result.Row(0);
        Assert.Equal(42, row.GetProperty("sum").GetInt32());
        Assert.Equal("12345678901234567890.123456789012345678901", row.GetProperty("exact").GetString());
        Assert.Equal(0.0025, row.GetProperty("f").GetDouble());
        Assert.Equal("9223372036854775807", row.GetProperty("big").GetString());
    }

    [Fact]
    public async Task Booleans_and_nulls_bind_as_such()
    {
        var result = await SqlOverHttp.PostAsync(db.Api, """{"query": "select $1::bool as t, not $2 as nf, $3::int is null as isnull, $4::text as n", "params": [true, false, null, null]}""");

        Assert.Equal(200, result.Status);
        var row = result.Row(0);
        Assert.True(row.GetProperty("t").GetBoolean());
        Assert.True(row.GetProperty("nf").GetBoolean());
        Assert.True(row.GetProperty("isnull").GetBoolean());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("n").ValueKind);
    }

    [Fact]
    public async Task Arrays_bind_as_postgresql_arrays_with_awkward_strings_intact()
    {
        var result = await SqlOverHttp.PostAsync(db.Api, """
            {"query": "select $1::int[] as ints, 3 = any($1::int[]) as has3, $2::text[] as texts, $3::int[][] as grid, $4::jsonb[] as docs, cardinality($5::int[]) as none",
             "params": [[1, 2, 3], ["a,b", "c\"d", "e\\f", null, "NULL", "", "{x}"], [[1, 2], [3, 4]], [{"k": [1]}, null], []]}
            """);

        Assert.Equal(200, result.Status);
        var row = result.Row(0);
        Assert.Equal("[1,2,3]", row.GetProperty("ints").GetRawText());
        Assert.True(row.GetProperty("has3").GetBoolean());
        Assert.Equal("""["a,b","c\"d","e\\f",null,"NULL","","{x}"]""", row.GetProperty("texts").GetRawText());
        Assert.Equal("[[1,2],[3,4]]", row.GetProperty("grid").GetRawText());
        Assert.Equal(1, row.GetProperty("docs")[0].GetProperty("k")[0].GetInt32());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("docs")[1].ValueKind);
        Assert.Equal(0, row.GetProperty("none").GetInt32());
    }

    [Fact]
    public async Task Objects_bind_as_json_text()
    {
        await db.ExecuteAsync("create table docs (id int primary key, body jsonb not null)");

        var insert = await SqlOverHttp.PostAsync(db.Api, """{"query": "insert into docs values ($1, $2) returning body -> 'a' as a", "params": [1, {"a": [1, {"b": "two"}], "n": null}]}""");
        var read = await SqlOverHttp.PostAsync(db.Api, """{"query": "select body from docs where body @> $1", "params": [{"a": [1]}]}""");

        Assert.Equal(200, insert.Status);
        Assert.Equal("two", insert.Row(0).GetProperty("a")[1].GetProperty("b").GetString());
        Assert.Equal(200, read.Status);
        Assert.Equal(JsonValueKind.Null, read.Row(0).GetProperty("body").GetProperty("n").ValueKind);
    }

    [Fact]
    public async Task Injection_attempts_in_parameters_stay_data()
    {
        await db.ExecuteAsync("create table victims (name text not null)");
        const string Attack = "Robert'); DROP TABLE victims; --";

        var insert = await SqlOverHttp.QueryAsync(db.Api, "insert into victims (name) values ($1)", Attack);
        var echo = await SqlOverHttp.QueryAsync(db.Api, "select $1 as v, $2 as w", "' OR 1=1 --", "$$; drop table victims; $$");
        var read = await SqlOverHttp.QueryAsync(db.Api, "select name from victims where name = $1", Attack);

        Assert.Equal(200, insert.Status);
        Assert.Equal("' OR 1=1 --", echo.Row(0).GetProperty("v").GetString());
        Assert.Equal("$$; drop table victims; $$", echo.Row(0).GetProperty("w").GetString());
        Assert.Equal(200, read.Status);
        Assert.Equal(Attack, Assert.Single(read.Rows.EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_missing_parameter_is_a_postgresql_error()
    {
        var result = await SqlOverHttp.PostAsync(db.Api, """{"query": "select $1::int as a"}""");

        // PostgreSQL refuses the Bind message (08P01, a protocol complaint about this request only); the session carries on.
        Assert.Equal(400, result.Status);
        Assert.Equal("08P01", result.Code);
        Assert.Equal(200, (await SqlOverHttp.QueryAsync(db.Api, "select 1")).Status);
    }
}
