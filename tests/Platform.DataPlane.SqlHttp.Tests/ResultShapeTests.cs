using System.Text.Json;
using Platform.DataPlane.SqlHttp.Tests.Support;
using Xunit;

namespace Platform.DataPlane.SqlHttp.Tests;

public sealed class ResultShapeTests(SqlHttpDatabase db) : IClassFixture<SqlHttpDatabase>
{
    [Fact]
    public async Task Each_statement_kind_reports_its_command_and_row_count()
    {
        var create = await SqlOverHttp.QueryAsync(db.Api, "create table shapes (id int primary key, name text)");
        var insert = await SqlOverHttp.QueryAsync(db.Api, "insert into shapes values (1, 'a'), (2, 'b'), (3, 'c')");
        var update = await SqlOverHttp.QueryAsync(db.Api, "update shapes set name = upper(name) where id < $1", 3);
        var select = await SqlOverHttp.QueryAsync(db.Api, "select id, name from shapes order by id");
        var returning = await SqlOverHttp.QueryAsync(db.Api, "delete from shapes where id = 3 returning id");
        var cte = await SqlOverHttp.QueryAsync(db.Api, "with gone as (delete from shapes where id = 2 returning id) select count(*) as n from gone");
        var values = await SqlOverHttp.QueryAsync(db.Api, "values (1), (2)");
        var show = await SqlOverHttp.QueryAsync(db.Api, "show search_path");

        Assert.Equal(("CREATE", JsonValueKind.Null), Shape(create));
        Assert.Equal("[]", create.Body.GetProperty("fields").GetRawText());
        Assert.Equal("[]", create.Rows.GetRawText());
        Assert.Equal(("INSERT", 3), (Shape(insert).Command, insert.Body.GetProperty("rowCount").GetInt32()));
        Assert.Equal(("UPDATE", 2), (Shape(update).Command, update.Body.GetProperty("rowCount").GetInt32()));
        Assert.Equal(("SELECT", 3), (Shape(select).Command, select.Body.GetProperty("rowCount").GetInt32()));
        Assert.Equal("B", select.Row(1).GetProperty("name").GetString());
        Assert.Equal(("DELETE", 1), (Shape(returning).Command, returning.Body.GetProperty("rowCount").GetInt32()));
        Assert.Equal(3, returning.Row(0).GetProperty("id").GetInt32());
        Assert.Equal("SELECT", Shape(cte).Command);
        Assert.Equal("1", cte.Row(0).GetProperty("n").GetString());
        Assert.Equal(("SELECT", 2), (Shape(values).Command, values.Body.GetProperty("rowCount").GetInt32()));
        Assert.Equal("SHOW", Shape(show).Command);
        Assert.Single(show.Rows.EnumerateArray());
    }

    [Fact]
    public async Task Object_rows_keep_the_last_of_duplicate_names_and_array_mode_keeps_all()
    {
        const string Sql = "select 1 as a, 2 as a, 3 as b";

        var objects = await SqlOverHttp.QueryAsync(db.Api, Sql);
        var arrays = await SqlOverHttp.PostAsync(db.Api, $$"""{"query": "{{Sql}}", "arrayMode": true}""");

        Assert.Equal("""{"a":2,"b":3}""", objects.Row(0).GetRawText());
        Assert.Equal(3, objects.Body.GetProperty("fields").GetArrayLength());
        Assert.Equal("[[1,2,3]]", arrays.Rows.GetRawText());
        Assert.Equal(3, arrays.Body.GetProperty("fields").GetArrayLength());
    }

    [Fact]
    public async Task Column_names_that_need_json_escaping_are_escaped()
    {
        var result = await SqlOverHttp.QueryAsync(db.Api, """select 1 as "quote""d", 2 as "back\slash", 3 as "é" """);

        Assert.Equal(200, result.Status);
        Assert.Equal(1, result.Row(0).GetProperty("quote\"d").GetInt32());
        Assert.Equal(2, result.Row(0).GetProperty("back\\slash").GetInt32());
        Assert.Equal(3, result.Row(0).GetProperty("é").GetInt32());
    }

    [Fact]
    public async Task Statements_outside_a_transaction_block_run_as_single_queries()
    {
        await db.ExecuteAsync("create table indexed (id int)");

        var result = await SqlOverHttp.QueryAsync(db.Api, "create index concurrently indexed_id on indexed (id)");

        Assert.Equal(200, result.Status);
        Assert.Equal("CREATE", result.Body.GetProperty("command").GetString());
    }

    private static (string? Command, JsonValueKind RowCount) Shape(SqlHttpResult result)
    {
        Assert.Equal(200, result.Status);
        return (result.Body.GetProperty("command").GetString(), result.Body.GetProperty("rowCount").ValueKind);
    }
}
