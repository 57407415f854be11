using System.Text.Json;
using Platform.DataPlane.Planning.Tests.Support;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Queries;

/// <summary>
/// Composite types as PostGraphile v4 exposes them (object types, input types, conditions, ordering, functions),
/// checked against the same data read directly. This class never writes, so its counts hold.
/// </summary>
public sealed class CompositeTypeTests(ForumFixture forum) : IClassFixture<ForumFixture>
{
    [Fact]
    public async Task Attributes_read_as_postgresql_has_them_with_aliases_and_typename()
    {
        var json = await forum.Client.QueryAsync("""
            { allContacts(orderBy: ID_ASC) { nodes { id address { t: __typename town: city street location { __typename lat } } } } }
            """);
        var expected = await Reference.ColumnAsync<string>(forum.Database.DataSource,
            "select coalesce((address).city, '-') || '|' || coalesce((address).street, '-') || '|' || coalesce(((address).location).lat::text, '-') from contact where address is distinct from null order by id");
        var nodes = json.Data("allContacts").GetProperty("nodes").EnumerateArray()
            .Where(n => n.GetProperty("address").ValueKind == JsonValueKind.Object).ToList();
        var actual = nodes.Select(n => n.GetProperty("address")).Select(a =>
            (a.GetProperty("town").GetString() ?? "-") + "|" + (a.GetProperty("street").GetString() ?? "-") + "|"
            + (a.GetProperty("location").ValueKind == JsonValueKind.Object ? a.GetProperty("location").GetProperty("lat").GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture) : "-"));
        Assert.Equal(expected, actual);
        Assert.All(nodes, n => Assert.Equal("Address", n.GetProperty("address").GetProperty("t").GetString()));
    }

    [Fact]
    public async Task A_null_composite_is_null_and_one_with_null_attributes_is_an_object()
    {
        var json = await forum.Client.QueryAsync("""
            { nowhere: contactById(id: 2) { address { city } previousAddresses { city } }
              blank: contactById(id: 3) { address { city kind location { lat } } previousAddresses { city } } }
            """);
        Assert.Equal(JsonValueKind.Null, json.Data("nowhere").GetProperty("address").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.Data("nowhere").GetProperty("previousAddresses").ValueKind);
        var blank = json.Data("blank").GetProperty("address");
        Assert.Equal(JsonValueKind.Null, blank.GetProperty("city").ValueKind);
        Assert.Equal(JsonValueKind.Null, blank.GetProperty("location").ValueKind);
        Assert.Equal(0, json.Data("blank").GetProperty("previousAddresses").GetArrayLength());
    }

    [Fact]
    public async Task Arrays_of_composites_keep_their_order_and_null_elements()
    {
        var json = await forum.Client.QueryAsync("{ contactById(id: 1) { previousAddresses { city kind postCode } } }");
        var list = json.Data("contactById").GetProperty("previousAddresses");
        Assert.Equal(2, list.GetArrayLength());
        Assert.Equal("Auckland", list[0].GetProperty("city").GetString());
        Assert.Equal("POST_BOX", list[0].GetProperty("kind").GetString());
        Assert.Equal(1010, list[0].GetProperty("postCode").GetInt32());
        Assert.Equal(JsonValueKind.Null, list[1].ValueKind);
    }

    [Theory]
    [InlineData("ADDRESS_ASC", "address asc, id")]
    [InlineData("ADDRESS_DESC", "address desc, id")]
    public async Task Ordering_by_a_composite_pages_with_cursors_as_postgresql_orders(string orderBy, string sqlOrder)
    {
        var expected = await Reference.ColumnAsync<int>(forum.Database.DataSource, $"select id from contact order by {sqlOrder}");
        var seen = new List<int>();
        string? after = null;
        for (var page = 0; page < 10 && seen.Count < expected.Count; page++)
        {
            var json = await forum.Client.QueryAsync(
                $"query($after: Cursor) {{ allContacts(first: 2, after: $after, orderBy: [{orderBy}]) {{ nodes {{ id }} pageInfo {{ endCursor }} }} }}",
                new { after });
            var connection = json.Data("allContacts");
            seen.AddRange(connection.NodeIds());
            after = connection.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Conditions_compare_whole_composites_given_as_literals_or_variables()
    {
        var literal = await forum.Client.QueryAsync("""
            { allContacts(condition: { address: { street: "9 Quay", city: "Wellington", kind: WORK, location: { lat: -41.28, lng: 174.78 }, lines: [], postCode: 6011 } }) { nodes { id } } }
            """);
        Assert.Equal([4], literal.Data("allContacts").NodeIds());
        var partial = await forum.Client.QueryAsync(
            "query($c: ContactCondition) { allContacts(condition: $c) { nodes { id } } }",
            new { c = new { address = new { city = "Wellington" } } });
        Assert.Empty(partial.Data("allContacts").NodeIds());
        var none = await forum.Client.QueryAsync("query($c: ContactCondition) { allContacts(condition: $c, orderBy: ID_ASC) { nodes { id } } }", new { c = new { address = (object?)null } });
        Assert.Equal(await Reference.ColumnAsync<int>(forum.Database.DataSource, "select id from contact where address is not distinct from null order by id"), none.Data("allContacts").NodeIds());
    }

    [Fact]
    public async Task Functions_take_and_return_composites_and_sets_of_them()
    {
        var json = await forum.Client.QueryAsync("""
            { addressIn(city: "Napier") { street kind }
              missing: addressIn(city: "Atlantis") { street }
              allAddresses(last: 1) { totalCount nodes { city } edges { cursor } }
              sameCity(a: { city: "A" }, b: { city: "B" })
              contactById(id: 1) { firstPrevious { city } homeCity } }
            """);
        Assert.Equal("7 Shore Rd", json.Data("addressIn").GetProperty("street").GetString());
        Assert.Equal("HOME", json.Data("addressIn").GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, json.Data("missing").ValueKind);
        var set = json.Data("allAddresses");
        Assert.Equal(await Reference.ColumnAsync<long>(forum.Database.DataSource, "select count(*) from all_addresses()"), [set.GetProperty("totalCount").GetInt64()]);
        Assert.Equal("Wellington", set.GetProperty("nodes")[0].GetProperty("city").GetString());
        Assert.Equal(JsonValueKind.String, set.GetProperty("edges")[0].GetProperty("cursor").ValueKind);
        Assert.False(json.Data("sameCity").GetBoolean());
        Assert.Equal("Auckland", json.Data("contactById").GetProperty("firstPrevious").GetProperty("city").GetString());
    }

    [Fact]
    public async Task Unknown_input_fields_and_enum_values_are_refused_before_the_database()
    {
        var unknownField = GraphQLClient.Json(await forum.Client.PostAsync("{ sameCity(a: { town: \"x\" }, b: {}) }"));
        Assert.True(unknownField.TryGetProperty("errors", out _));
        var badEnum = GraphQLClient.Json(await forum.Client.PostAsync(
            "query($a: AddressInput) { sameCity(a: $a, b: {}) }", new { a = new { kind = "CASTLE" } }));
        Assert.True(badEnum.TryGetProperty("errors", out _));
        var injection = await forum.Client.QueryAsync(
            "query($a: AddressInput) { sameCity(a: $a, b: { city: \"x'); drop table contact; --\" }) }", new { a = new { city = "x'); drop table contact; --" } });
        Assert.True(injection.Data("sameCity").GetBoolean());
    }
}
