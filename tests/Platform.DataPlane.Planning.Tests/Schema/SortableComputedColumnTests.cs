using System.Text;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Planning.Tests.Support;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Schema;

/// <summary>
/// <c>@sortable</c> computed columns and set-returning functions, <c>@fieldName</c>, and the project's
/// <c>simpleCollections</c> option as PostGraphile v4 reads them (each also compared with v4 itself in the conformance
/// suite: functions/20–24, collections/01–02).
/// </summary>
public sealed class SortableComputedColumnTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private const string Schema = """
        create table item (id int primary key, name text not null, price numeric not null, shelf_id int);
        create table shelf (id int primary key, label text not null);
        alter table item add constraint item_shelf_fkey foreign key (shelf_id) references shelf(id);
        insert into shelf values (1, 'top');
        insert into item values (1, 'pen', 2, 1), (2, 'ink', 9, 1), (3, 'lamp', 30, null), (4, 'box', 9, 1);
        create function item_band(i item) returns text language sql stable as $$ select case when i.price < 5 then 'low' else 'high' end $$;
        comment on function item_band(item) is '@sortable';
        create function item_sku(i item) returns text language sql stable as $$ select upper(i.name) $$;
        comment on function item_sku(item) is E'@sortable\n@isUnique\n@fieldName code';
        create function items_over(min numeric) returns setof item language sql stable as $$ select * from item where price > min order by id $$;
        comment on function items_over(numeric) is E'@sortable\n@filterable';
        comment on constraint item_shelf_fkey on item is '@simpleCollections only';
        """;

    // xUnit makes an instance per test and one database per class: the schema goes in once.
    private static readonly SemaphoreSlim SetUpLock = new(1, 1);
    private static TestDatabase? setUpFor;

    [Fact]
    public async Task A_sortable_computed_column_orders_the_table_with_v4s_cursors_and_pages_after_them()
    {
        var client = await ClientAsync(GraphQLServiceOptions.Default);
        var values = (await client.QueryAsync("""{ __type(name: "ItemsOrderBy") { enumValues { name } } }""")).Data("__type")
            .GetProperty("enumValues").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToList();
        Assert.Equal(["BAND_ASC", "BAND_DESC", "CODE_ASC", "CODE_DESC", "PRIMARY_KEY_ASC"], values.Skip(values.IndexOf("BAND_ASC")).Take(5));

        var page = (await client.QueryAsync("{ allItems(orderBy: BAND_DESC, first: 3) { edges { cursor node { id } } } }")).Data("allItems").GetProperty("edges");
        Assert.Equal([1, 2, 3], page.EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetInt32()));
        // v4's bytes: the orderBy value, then the function's value and the appended primary key.
        Assert.Equal("""["band_desc",["high",2]]""", Decode(page[1].GetProperty("cursor").GetString()!));

        var after = (await client.QueryAsync("query($c: Cursor) { allItems(orderBy: BAND_DESC, after: $c) { nodes { id } } }", new { c = page[2].GetProperty("cursor").GetString() }))
            .Data("allItems").GetProperty("nodes");
        Assert.Equal([4], after.EnumerateArray().Select(n => n.GetProperty("id").GetInt32()));

        // @isUnique: nothing appended, so the cursor holds the value alone; @fieldName names the field and the enum values.
        var unique = (await client.QueryAsync("{ allItems(orderBy: CODE_ASC, first: 1) { edges { cursor node { code } } } }")).Data("allItems").GetProperty("edges")[0];
        Assert.Equal("BOX", unique.GetProperty("node").GetProperty("code").GetString());
        Assert.Equal("""["code_asc",["BOX"]]""", Decode(unique.GetProperty("cursor").GetString()!));
    }

    [Fact]
    public async Task A_sortable_filterable_function_takes_orderBy_and_condition_keyed_only_by_a_unique_ordering()
    {
        var client = await ClientAsync(GraphQLServiceOptions.Default);
        var data = await client.QueryAsync("""
            {
              byName: itemsOver(min: "1", orderBy: NAME_ASC, condition: { price: "9" }) { nodes { name } }
              byKey: itemsOver(min: "1", orderBy: PRIMARY_KEY_DESC, first: 1) { edges { cursor } }
            }
            """);
        Assert.Equal(["box", "ink"], data.Data("byName").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()));
        Assert.Equal("""["primary_key_desc",[4]]""", Decode(data.Data("byKey").GetProperty("edges")[0].GetProperty("cursor").GetString()!));
    }

    [Fact]
    public async Task The_simple_collections_option_adds_lists_and_a_foreign_keys_tag_overrides_it()
    {
        var client = await ClientAsync(GraphQLServiceOptions.Default with { SimpleCollections = "both" });
        var data = await client.QueryAsync("""
            {
              allItemsList(orderBy: PRICE_DESC, first: 2) { id }
              allItems(first: 1) { totalCount }
              shelfById(id: 1) { itemsByShelfIdList(orderBy: ID_DESC) { id } }
              itemsOverList(min: "5") { id }
            }
            """);
        Assert.Equal([3, 2], data.Data("allItemsList").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
        Assert.Equal(4, data.Data("allItems").GetProperty("totalCount").GetInt32());
        Assert.Equal([4, 2, 1], data.Data("shelfById").GetProperty("itemsByShelfIdList").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
        Assert.Equal(3, data.Data("itemsOverList").GetArrayLength());
        var shelf = (await client.QueryAsync("""{ __type(name: "Shelf") { fields { name } } }""")).Data("__type").GetProperty("fields")
            .EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.DoesNotContain("itemsByShelfId", shelf);

        var plain = await ClientAsync(GraphQLServiceOptions.Default);
        var query = (await plain.QueryAsync("""{ __type(name: "Query") { fields { name } } }""")).Data("__type").GetProperty("fields")
            .EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.DoesNotContain("allItemsList", query);
        Assert.DoesNotContain("itemsOverList", query);
    }

    private async Task<GraphQLClient> ClientAsync(GraphQLServiceOptions options)
    {
        await SetUpLock.WaitAsync();
        try
        {
            if (!ReferenceEquals(setUpFor, db))
            {
                await db.ExecuteAsync(Schema);
                setUpFor = db;
            }
        }
        finally
        {
            SetUpLock.Release();
        }

        var service = await GraphQLService.CreateAsync(db.DataSource, options, CancellationToken.None);
        return new GraphQLClient(service, db.DataSource);
    }

    private static string Decode(string cursor) => Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
}
