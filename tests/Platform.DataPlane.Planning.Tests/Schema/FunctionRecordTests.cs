using GraphQL;
using GraphQL.Types;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Planning.Tests.Support;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Schema;

/// <summary>
/// Functions whose result is typed by OUT, INOUT or TABLE arguments, named and read as PostGraphile v4 does
/// (the conformance suite compares the common cases with v4 itself; these are the naming corners).
/// </summary>
public sealed class FunctionRecordTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Output_arguments_name_the_record_its_fields_and_the_mutation_payload_field()
    {
        await db.ExecuteAsync("""
            create schema rec;
            create table rec.item (id int primary key, qty int not null);
            insert into rec.item values (1, 4), (2, 0);
            create function rec.pair(a int, out int, out text) language sql immutable as $$ select a * 10, 'n' || a $$;
            create function rec.doubled(inout x int, out label text) language sql immutable as $$ select x * 2, 'twice' $$;
            create function rec.item_levels(i rec.item) returns table (level int, label text) language sql stable
              as $$ select g, i.qty || '/' || g from generate_series(1, 2) g $$;
            create function rec.renamed(out a int, out b int) language sql stable as $$ select 1, 2 $$;
            comment on function rec.renamed() is '@resultTypeName Couple';
            create function rec.take(item_id int, out left_over int) language sql volatile
              as $$ update rec.item set qty = qty - 1 where id = item_id returning qty $$;
            create function rec.audit(out checked int, out empty int) returns setof record language sql volatile
              as $$ select id, qty from rec.item where qty = 0 $$;
            create function rec.tagged(out n int, out m int) language sql volatile as $$ select 7, 8 $$;
            comment on function rec.tagged() is '@resultFieldName outcome';
            -- Its record type would be named like this table's type: the function is left out, the table stays.
            create table rec.clash_record (id int primary key);
            create function rec.clash(out a int, out b int) language sql stable as $$ select 1, 2 $$;
            """);
        var service = await GraphQLService.CreateAsync(db.DataSource, new GraphQLServiceOptions(["rec"]), CancellationToken.None);
        var client = new GraphQLClient(service, db.DataSource);
        IComplexGraphType Type(string name) => (IComplexGraphType)service.Schema.AllTypes[name]!;

        Assert.Equal(["arg1", "arg2"], Type("PairRecord").Fields.Select(f => f.Name));
        Assert.Equal(["x", "label"], Type("DoubledRecord").Fields.Select(f => f.Name));
        Assert.Equal("The return type of our `levels` query.", Type("ItemLevelsRecord").Description);
        Assert.Equal("ItemLevelsConnection", Type("Item").GetField("levels")!.ResolvedType!.GetNamedType().Name);
        Assert.NotNull(service.Schema.AllTypes["ItemLevelEdge"]);
        Assert.Equal("Couple", Type("Query").GetField("renamed")!.ResolvedType!.GetNamedType().Name);
        Assert.Equal(["clientMutationId", "leftOver", "query"], Type("TakePayload").Fields.Select(f => f.Name));
        Assert.Equal(["clientMutationId", "results", "query"], Type("AuditPayload").Fields.Select(f => f.Name));
        Assert.Equal("The return type of our `audit` mutation.", Type("AuditRecord").Description);
        Assert.Equal(["clientMutationId", "outcome", "query"], Type("TaggedPayload").Fields.Select(f => f.Name));
        Assert.Null(Type("Query").GetField("clash"));
        Assert.NotNull(Type("Query").GetField("allClashRecords"));
        Assert.Contains(service.Warnings, w => w.Code == "LEFT_OUT" && w.Message.Contains("rec.clash", StringComparison.Ordinal));

        var read = await client.QueryAsync("""
            { pair(a: 3) { arg1 arg2 } doubled(x: 5) { x label } renamed { __typename a b }
              itemById(id: 1) { levels(last: 1) { totalCount nodes { level label } } } }
            """);
        Assert.Equal("""{"arg1":30,"arg2":"n3"}""", read.Data("pair").Compact());
        Assert.Equal("""{"x":10,"label":"twice"}""", read.Data("doubled").Compact());
        Assert.Equal("""{"__typename":"Couple","a":1,"b":2}""", read.Data("renamed").Compact());
        Assert.Equal("""{"totalCount":2,"nodes":[{"level":2,"label":"4/2"}]}""", read.Data("itemById").GetProperty("levels").Compact());

        var written = await client.QueryAsync("""
            mutation { take(input: {itemId: 1}) { leftOver } audit(input: {}) { results { checked empty } }
              tagged(input: {}) { outcome { n m } } }
            """);
        Assert.Equal(3, written.Data("take").GetProperty("leftOver").GetInt32());
        Assert.Equal("""[{"checked":2,"empty":0}]""", written.Data("audit").GetProperty("results").Compact());
        Assert.Equal("""{"n":7,"m":8}""", written.Data("tagged").GetProperty("outcome").Compact());
        Assert.Equal(3, await db.ScalarAsync<int>("select qty from rec.item where id = 1"));
    }
}
