using System.Text.Json;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Planning.Tests.Support;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Schema;

/// <summary>
/// A schema with the objects that used to stop the whole API from building: it builds, skips and renames what
/// PostGraphile v4 skips and renames, and leaves the rest out with a warning.
/// </summary>
public sealed class UnmappableSchemaTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Symbol_labels_range_constructors_extensions_duplicate_keys_and_input_named_tables_build_as_v4_does()
    {
        await db.ExecuteAsync("""
            create schema app;
            create type app.op as enum ('*', '**', '>=', '$', 'a*', '', 'hello world', '1st', 'x-y', 'x_y');
            create type app.floatrange as range (subtype = float8);
            create extension pgcrypto schema app;
            create table app.reserved (id int primary key, name text);
            create table app.reserved_input (id int primary key, reserved_id int references app.reserved(id));
            alter table app.reserved_input add constraint a_duplicate foreign key (reserved_id) references app.reserved(id);
            create table app.rule (id int primary key, op app.op, span app.floatrange, "naïve" text);
            create table app."café" (id int primary key);
            insert into app.reserved values (1, 'r');
            insert into app.reserved_input values (10, 1);
            insert into app.rule values (1, '>=', '[1,2)'), (2, 'x_y', null);
            create function app.twice(int) returns int language sql stable as 'select $1 * 2';
            create function app.twice(text) returns text language sql stable as 'select $1 || $1';
            create function app.once(a int) returns int language sql stable as 'select a';
            create function app.__private() returns int language sql stable as 'select 1';
            create table app.__hidden (id int primary key);
            """);
        var service = await GraphQLService.CreateAsync(db.DataSource, new GraphQLServiceOptions(["app"]), CancellationToken.None);
        var client = new GraphQLClient(service, db.DataSource);

        var op = service.Model.Enums.Single(e => e.SqlType == "app.op");
        Assert.Equal(
            ["ASTERISK", "ASTERISK_ASTERISK", "GREATER_THAN_OR_EQUAL", "DOLLAR", "A_ASTERISK", "_EMPTY_", "HELLO_WORLD", "_1ST", "X_Y"],
            op.Values.Select(v => v.GraphQLName));
        var collision = Assert.Single(service.Warnings, w => w.Code == "ENUM_VALUE_COLLISION");
        Assert.Equal("ENUM_VALUE_COLLISION", collision.Code);
        Assert.Contains("'x-y' and 'x_y'", collision.Message, StringComparison.Ordinal);

        // Names GraphQL cannot carry are left out with a warning each, and the rest serves.
        var leftOut = service.Warnings.Where(w => w.Code == "LEFT_OUT").Select(w => w.Message).ToList();
        Assert.Equal(2, leftOut.Count);
        Assert.Contains(leftOut, m => m.Contains("table app.café is left out", StringComparison.Ordinal));
        Assert.Contains(leftOut, m => m.Contains("column naïve of table app.rule is left out", StringComparison.Ordinal));

        var query = (await client.QueryAsync("{ __type(name: \"Query\") { fields { name } } }")).Data("__type").GetProperty("fields")
            .EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Contains("once", query);
        // Overloaded names, range constructors, extension functions and double-underscore names are not exposed.
        Assert.DoesNotContain("twice", query);
        Assert.DoesNotContain("floatrange", query);
        Assert.DoesNotContain("digest", query);
        Assert.DoesNotContain("genRandomUuid", query);
        Assert.DoesNotContain(query, f => f!.Contains("private", StringComparison.OrdinalIgnoreCase) || f.Contains("hidden", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("allReservedInputRecords", query);

        var data = await client.QueryAsync("""
            { allReservedInputRecords { nodes { __typename id reservedByReservedId { name } } }
              reservedById(id: 1) { reservedInputRecordsByReservedId { totalCount } }
              allRules(orderBy: ID_ASC) { nodes { op } } }
            """);
        var record = data.Data("allReservedInputRecords").GetProperty("nodes")[0];
        Assert.Equal("ReservedInputRecord", record.GetProperty("__typename").GetString());
        Assert.Equal("r", record.GetProperty("reservedByReservedId").GetProperty("name").GetString());
        Assert.Equal(1, data.Data("reservedById").GetProperty("reservedInputRecordsByReservedId").GetProperty("totalCount").GetInt32());
        Assert.Equal(["GREATER_THAN_OR_EQUAL", "X_Y"], data.Data("allRules").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("op").GetString()));

        var written = await client.QueryAsync("mutation { createRule(input: {rule: {id: 3, op: ASTERISK_ASTERISK}}) { rule { op } } }");
        Assert.Equal("ASTERISK_ASTERISK", written.Data("createRule").GetProperty("rule").GetProperty("op").GetString());
        Assert.Equal("**", await db.ScalarAsync<string>("select op::text from app.rule where id = 3"));
    }
}
