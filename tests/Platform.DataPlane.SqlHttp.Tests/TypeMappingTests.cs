using System.Text.Json;
using Platform.DataPlane.SqlHttp.Tests.Support;
using Xunit;

namespace Platform.DataPlane.SqlHttp.Tests;

public sealed class TypeMappingTests(SqlHttpDatabase db) : IClassFixture<SqlHttpDatabase>
{
    [Fact]
    public async Task Numbers_keep_every_digit_and_only_exact_ones_are_json_numbers()
    {
        var result = await SqlOverHttp.QueryAsync(db.Api, """
            select 1::int2 as i2, 2147483647::int4 as i4, 9223372036854775807::int8 as i8, (-9223372036854775808)::int8 as i8min,
                   1.5::float4 as f4, 0.1::float8 as f8, 1e300::float8 as big, 'NaN'::float8 as nan, 'Infinity'::float8 as inf,
                   '-Infinity'::float4 as ninf, 1234567890123456789012345678901234567890.123456789::numeric as num,
                   'NaN'::numeric as num_nan, 42::oid as o
            """);

        Assert.Equal(200, result.Status);
        var row = result.Row(0);
        Assert.Equal(JsonValueKind.Number, row.GetProperty("i2").ValueKind);
        Assert.Equal(1, row.GetProperty("i2").GetInt32());
        Assert.Equal(2147483647, row.GetProperty("i4").GetInt32());
        Assert.Equal("9223372036854775807", row.GetProperty("i8").GetString());
        Assert.Equal("-9223372036854775808", row.GetProperty("i8min").GetString());
        Assert.Equal(1.5, row.GetProperty("f4").GetDouble());
        Assert.Equal("0.1", row.GetProperty("f8").GetRawText());
        Assert.Equal(1e300, row.GetProperty("big").GetDouble());
        Assert.Equal("NaN", row.GetProperty("nan").GetString());
        Assert.Equal("Infinity", row.GetProperty("inf").GetString());
        Assert.Equal("-Infinity", row.GetProperty("ninf").GetString());
        Assert.Equal("1234567890123456789012345678901234567890.123456789", row.GetProperty("num").GetString());
        Assert.Equal("NaN", row.GetProperty("num_nan").GetString());
        Assert.Equal(42, row.GetProperty("o").GetInt32());
    }

    [Fact]
    public async Task Json_is_embedded_bytea_is_base64_bool_is_bool_and_null_is_null()
    {
        var result = await SqlOverHttp.QueryAsync(db.Api, """
            select '{"a": {"b": [1, 2, {"c": null}]}, "s": "x\"y"}'::jsonb as jb, '[1, "two", 3.25]'::json as j, 'null'::jsonb as jnull,
                   '\xdeadbeef'::bytea as bin, ''::bytea as empty_bin, true as t, false as f,
                   null::text as n, null::int as ni, null::jsonb as nj, null::bytea as nb
            """);

        Assert.Equal(200, result.Status);
        var row = result.Row(0);
        Assert.Equal(JsonValueKind.Object, row.GetProperty("jb").ValueKind);
        Assert.Equal(2, row.GetProperty("jb").GetProperty("a").GetProperty("b")[1].GetInt32());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("jb").GetProperty("a").GetProperty("b")[2].GetProperty("c").ValueKind);
        Assert.Equal("x\"y", row.GetProperty("jb").GetProperty("s").GetString());
        Assert.Equal("two", row.GetProperty("j")[1].GetString());
        Assert.Equal(3.25, row.GetProperty("j")[2].GetDouble());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("jnull").ValueKind);
        Assert.Equal(Convert.ToBase64String([0xde, 0xad, 0xbe, 0xef]), row.GetProperty("bin").GetString());
        Assert.Equal("", row.GetProperty("empty_bin").GetString());
        Assert.True(row.GetProperty("t").GetBoolean());
        Assert.False(row.GetProperty("f").GetBoolean());
        foreach (var name in new[] { "n", "ni", "nj", "nb" })
        {
            Assert.Equal(JsonValueKind.Null, row.GetProperty(name).ValueKind);
        }
    }

    [Fact]
    public async Task Bytea_in_escape_output_format_decodes_the_same()
    {
        var result = await SqlOverHttp.PostAsync(db.Api, """
            {"queries": [{"query": "set local bytea_output = escape"}, {"query": "select '\\x00015c41ff'::bytea as b"}]}
            """);

        Assert.Equal(200, result.Status);
        Assert.Equal(Convert.ToBase64String([0x00, 0x01, 0x5c, 0x41, 0xff]), result.Body.GetProperty("results")[1].GetProperty("rows")[0].GetProperty("b").GetString());
    }

    [Fact]
    public async Task Arrays_become_json_arrays_with_elements_mapped_by_their_type()
    {
        var result = await SqlOverHttp.QueryAsync(db.Api, """
            select array[1, 2, null]::int[] as ints, array[['a', 'b "q"'], ['c,d', null], ['NULL', '']]::text[][] as texts,
                   array[]::int[] as empty_ints, array['{"x": 1}'::jsonb, null, '[true]'] as jsons, array['\x01ff'::bytea] as bins,
                   array[9223372036854775807]::int8[] as bigs, array[true, false] as bools, '[0:1]={7,8}'::int[] as lower_bound,
                   array[1.5::float8, 'NaN'] as floats, array['back\slash', '{brace}', ' space'] as specials,
                   array[1.10::numeric] as nums, array[box '((0,0),(1,1))', box '((2,2),(3,3))'] as boxes,
                   array['2024-02-29'::date] as dates
            """);

        Assert.Equal(200, result.Status);
        var row = result.Row(0);
        Assert.Equal("[1,2,null]", row.GetProperty("ints").GetRawText());
        Assert.Equal("""[["a","b \"q\""],["c,d",null],["NULL",""]]""", row.GetProperty("texts").GetRawText());
        Assert.Equal("[]", row.GetProperty("empty_ints").GetRawText());
        Assert.Equal(1, row.GetProperty("jsons")[0].GetProperty("x").GetInt32());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("jsons")[1].ValueKind);
        Assert.True(row.GetProperty("jsons")[2][0].GetBoolean());
        Assert.Equal(Convert.ToBase64String([0x01, 0xff]), row.GetProperty("bins")[0].GetString());
        Assert.Equal("9223372036854775807", row.GetProperty("bigs")[0].GetString());
        Assert.Equal("[true,false]", row.GetProperty("bools").GetRawText());
        Assert.Equal("[7,8]", row.GetProperty("lower_bound").GetRawText());
        Assert.Equal("[1.5,\"NaN\"]", row.GetProperty("floats").GetRawText());
        Assert.Equal(["back\\slash", "{brace}", " space"], row.GetProperty("specials").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("1.10", row.GetProperty("nums")[0].GetString());
        Assert.Equal(["(1,1),(0,0)", "(3,3),(2,2)"], row.GetProperty("boxes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("2024-02-29", row.GetProperty("dates")[0].GetString());
    }

    [Fact]
    public async Task Dates_times_uuids_and_text_are_postgresql_text_output()
    {
        var result = await SqlOverHttp.QueryAsync(db.Api, """
            select '2024-02-29 12:34:56.789+00'::timestamptz as tstz, '2024-02-29 01:02:03'::timestamp as ts, '2024-02-29'::date as d,
                   '12:00'::time as tm, '1 day 2 hours'::interval as iv, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid as u,
                   'héllo <b>&</b> "q" \ 🎉 ' || chr(10) as txt, int4range(1, 5) as r, row(1, 'a b') as rec, '192.168.0.1'::inet as ip
            """);

        Assert.Equal(200, result.Status);
        var row = result.Row(0);
        Assert.Equal("2024-02-29 12:34:56.789+00", row.GetProperty("tstz").GetString());
        Assert.Equal("2024-02-29 01:02:03", row.GetProperty("ts").GetString());
        Assert.Equal("2024-02-29", row.GetProperty("d").GetString());
        Assert.Equal("12:00:00", row.GetProperty("tm").GetString());
        Assert.Equal("1 day 02:00:00", row.GetProperty("iv").GetString());
        Assert.Equal("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", row.GetProperty("u").GetString());
        Assert.Equal("héllo <b>&</b> \"q\" \\ 🎉 \n", row.GetProperty("txt").GetString());
        Assert.Equal("[1,5)", row.GetProperty("r").GetString());
        Assert.Equal("(1,\"a b\")", row.GetProperty("rec").GetString());
        Assert.Equal("192.168.0.1", row.GetProperty("ip").GetString());
    }

    [Fact]
    public async Task Enums_and_domains_map_by_their_underlying_type()
    {
        await db.ExecuteAsync("""
            create type mood as enum ('ok', 'sad');
            create domain positive_int as int check (value > 0);
            create table feelings (id positive_int primary key, mood mood, moods mood[], scores positive_int[]);
            insert into feelings values (1, 'ok', '{ok,sad}', '{3,4}');
            """);
        // A data source reads the type catalog when it first connects; this one starts after the types exist.
        var dataSource = db.CreateDataSource(_ => { });

        var result = await SqlOverHttp.QueryAsync(dataSource, "select id, mood, moods, scores from feelings");

        Assert.Equal(200, result.Status);
        var row = result.Row(0);
        Assert.Equal(1, row.GetProperty("id").GetInt32());
        Assert.Equal("ok", row.GetProperty("mood").GetString());
        Assert.Equal("""["ok","sad"]""", row.GetProperty("moods").GetRawText());
        Assert.Equal("[3,4]", row.GetProperty("scores").GetRawText());
    }

    [Fact]
    public async Task Fields_name_each_column_with_its_type_oid()
    {
        var result = await SqlOverHttp.QueryAsync(db.Api, "select 1::int4 as a, 2::int8 as b, '{}'::jsonb as c, array[1] as d, 'x'::text as e");

        Assert.Equal(200, result.Status);
        var fields = result.Body.GetProperty("fields").EnumerateArray().Select(f => (f.GetProperty("name").GetString(), f.GetProperty("dataTypeID").GetInt32())).ToArray();
        Assert.Equal([("a", 23), ("b", 20), ("c", 3802), ("d", 1007), ("e", 25)], fields);
    }
}
