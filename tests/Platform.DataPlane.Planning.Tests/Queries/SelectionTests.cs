using Platform.DataPlane.Planning.Tests.Support;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Queries;

/// <summary>Conditions, relations, lookups, functions, nodes and document features, checked against direct SQL.</summary>
public sealed class SelectionTests(ForumFixture forum) : IClassFixture<ForumFixture>
{
    private Task<List<int>> SqlIds(string sql) => Reference.ColumnAsync<int>(forum.Database.DataSource, sql);

    [Fact]
    public async Task Conditions_match_values_and_nulls()
    {
        var json = await forum.Client.QueryAsync("{ a: allEvents(condition: {capacity: null}) { nodes { id } totalCount } b: allEvents(condition: {status: PUBLISHED, groupId: 2}) { nodes { id } } c: allEvents(condition: {organizerId: null}) { totalCount } }");
        Assert.Equal(await SqlIds("select id from event where capacity is null order by id"), json.Data("a").NodeIds());
        Assert.Equal(json.Data("a").NodeIds().Count, json.Data("a").GetProperty("totalCount").GetInt32());
        Assert.Equal(await SqlIds("select id from event where status = 'published' and group_id = 2 order by id"), json.Data("b").NodeIds());
        Assert.Equal((await SqlIds("select id from event where organizer_id is null")).Count, json.Data("c").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Fixed_length_character_keys_are_compared_whole()
    {
        // A value cast to bare `character` would be cut to one character and match nothing (or the wrong row).
        var json = await forum.Client.QueryAsync("""{ countryByCode(code: "NZ") { name } allCountries(condition: {code: "FR"}) { nodes { name } } }""");
        Assert.Equal("New Zealand", json.Data("countryByCode").GetProperty("name").GetString());
        Assert.Equal("France", json.Data("allCountries").GetProperty("nodes")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Condition_variables_reuse_one_document_across_null_patterns()
    {
        const string query = "query($c: EventCondition) { allEvents(condition: $c) { nodes { id } } }";
        var nulls = await forum.Client.QueryAsync(query, new { c = new { capacity = (int?)null } });
        var drafts = await forum.Client.QueryAsync(query, new { c = new { status = "DRAFT" } });
        var both = await forum.Client.QueryAsync(query, new { c = new { status = "DRAFT", capacity = (int?)null } });
        var none = await forum.Client.QueryAsync(query, new { c = (object?)null });
        Assert.Equal(await SqlIds("select id from event where capacity is null order by id"), nulls.Data("allEvents").NodeIds());
        Assert.Equal(await SqlIds("select id from event where status = 'draft' order by id"), drafts.Data("allEvents").NodeIds());
        Assert.Equal(await SqlIds("select id from event where status = 'draft' and capacity is null order by id"), both.Data("allEvents").NodeIds());
        Assert.Equal(40, none.Data("allEvents").NodeIds().Count);
    }

    [Fact]
    public async Task Nested_relations_three_levels_deep_match_sql_in_one_round_trip()
    {
        const string query = "{ allGroups(orderBy: ID_ASC) { nodes { id eventsByGroupId(orderBy: ID_ASC, first: 3) { totalCount nodes { id attendancesByEventId(orderBy: USER_ID_ASC) { nodes { membershipByGroupIdAndUserId { userByUserId { email membershipsByUserId { totalCount } } } } } } } } } }";
        using var trips = new RoundTripCounter(forum.Database.Name);
        var json = await forum.Client.QueryAsync(query);
        var groups = json.Data("allGroups");
        Assert.Equal(1, trips.Count);
        var actual = new List<string>();
        foreach (var g in groups.GetProperty("nodes").EnumerateArray())
        {
            foreach (var e in g.GetProperty("eventsByGroupId").GetProperty("nodes").EnumerateArray())
            {
                foreach (var a in e.GetProperty("attendancesByEventId").GetProperty("nodes").EnumerateArray())
                {
                    var user = a.GetProperty("membershipByGroupIdAndUserId").GetProperty("userByUserId");
                    actual.Add($"{g.GetProperty("id")}/{e.GetProperty("id")}/{user.GetProperty("email").GetString()}/{user.GetProperty("membershipsByUserId").GetProperty("totalCount")}");
                }
            }
        }

        var expected = await Reference.ColumnAsync<string>(forum.Database.DataSource, """
            select g.id || '/' || e.id || '/' || u.email || '/' || (select count(*) from membership m where m.user_id = u.id)
            from "group" g
            cross join lateral (select * from event where group_id = g.id order by id limit 3) e
            join attendance a on a.event_id = e.id
            join "user" u on u.id = a.user_id
            order by g.id, e.id, a.user_id
            """);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Several_root_fields_still_take_one_round_trip()
    {
        using var trips = new RoundTripCounter(forum.Database.Name);
        var json = await forum.Client.QueryAsync("{ a: eventById(id: 1) { title } b: allUsers(first: 2) { nodes { email } } c: addNumbers(a: 1, b: 2) __typename }");
        Assert.Equal(1, trips.Count);
        Assert.Equal("Event 1 talk", json.Data("a").GetProperty("title").GetString());
        Assert.Equal(3, json.Data("c").GetInt32());
    }

    [Fact]
    public async Task Lookups_by_composite_and_unique_keys_and_one_to_one_relations()
    {
        var json = await forum.Client.QueryAsync("""
            query($email: String!) {
              m: membershipByGroupIdAndUserId(groupId: 2, userId: "00000000-0000-0000-0000-000000000001") { role groupByGroupId { name } userByUserId { displayName profileByUserId { website } } }
              u: userByEmail(email: $email) { displayName mood tags score balance settings profileByUserId { website } }
              e: eventById(id: 2) { eventVenueByEventId { venueByVenueId { venueName } } }
              missing: eventById(id: 999) { id }
              item: orderItemByOrderIdAndLineNo(orderId: 1, lineNo: 2) { product qty orderByOrderId { total } }
            }
            """, new { email = "user2@example.com" });
        Assert.Equal("admin", json.Data("m").GetProperty("role").GetString());
        Assert.Equal("Climbers", json.Data("m").GetProperty("groupByGroupId").GetProperty("name").GetString());
        Assert.Equal("IN_BETWEEN", json.Data("u").GetProperty("mood").GetString());
        Assert.Equal("2000000000000", json.Data("u").GetProperty("score").GetString());
        Assert.Equal("25.00", json.Data("u").GetProperty("balance").GetString());
        Assert.Equal("""{"n":2,"theme":"dark"}""", json.Data("u").GetProperty("settings").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.Data("m").GetProperty("userByUserId").GetProperty("profileByUserId").ValueKind);
        Assert.Equal("https://example.com/User 2", json.Data("u").GetProperty("profileByUserId").GetProperty("website").GetString());
        Assert.Equal("Park", json.Data("e").GetProperty("eventVenueByEventId").GetProperty("venueByVenueId").GetProperty("venueName").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.Data("missing").ValueKind);
        Assert.Equal("Product 2", json.Data("item").GetProperty("product").GetString());
    }

    [Fact]
    public async Task Functions_become_fields_with_connections_and_defaults()
    {
        var json = await forum.Client.QueryAsync("""
            {
              s: searchEvents(term: "walk", first: 3) { totalCount nodes { id fullTitle } pageInfo { hasNextPage endCursor } }
              d: addNumbers(a: 5)
              x: addNumbers(a: 5, b: 1)
              e: eventOfTheDay { id title }
              g: groupById(id: 1) { tagNames { nodes totalCount } }
            }
            """);
        Assert.Equal(await SqlIds("select id from event where title ilike '%walk%' order by id limit 3"), json.Data("s").NodeIds());
        Assert.Equal(10, json.Data("s").GetProperty("totalCount").GetInt32());
        Assert.Equal("Event 4 walk (Cooks)", json.Data("s").GetProperty("nodes")[0].GetProperty("fullTitle").GetString());
        Assert.Equal(15, json.Data("d").GetInt32());
        Assert.Equal(6, json.Data("x").GetInt32());
        Assert.Equal(1, json.Data("e").GetProperty("id").GetInt32());
        var tags = await Reference.ColumnAsync<string>(forum.Database.DataSource, "select group_tag_names(g) from \"group\" g where id = 1");
        Assert.Equal(tags, json.Data("g").GetProperty("tagNames").GetProperty("nodes").EnumerateArray().Select(t => t.GetString()!).ToList());
    }

    [Fact]
    public async Task Node_ids_round_trip_through_node_and_typed_lookups()
    {
        var first = await forum.Client.QueryAsync("{ membershipByGroupIdAndUserId(groupId: 2, userId: \"00000000-0000-0000-0000-000000000001\") { nodeId } eventById(id: 3) { nodeId } }");
        var membershipId = first.Data("membershipByGroupIdAndUserId").GetProperty("nodeId").GetString();
        var eventId = first.Data("eventById").GetProperty("nodeId").GetString();
        var json = await forum.Client.QueryAsync(
            "query($m: ID!, $e: ID!) { m: node(nodeId: $m) { __typename ... on Membership { role } } e: event(nodeId: $e) { id } wrong: event(nodeId: $m) { id } }",
            new { m = membershipId, e = eventId });
        Assert.Equal("Membership", json.Data("m").GetProperty("__typename").GetString());
        Assert.Equal("admin", json.Data("m").GetProperty("role").GetString());
        Assert.Equal(3, json.Data("e").GetProperty("id").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.Data("wrong").ValueKind);
    }

    [Fact]
    public async Task Fragments_aliases_typename_and_directives_are_resolved_when_planning()
    {
        const string query = """
            query($withTitle: Boolean!, $skipGroup: Boolean!) {
              one: eventById(id: 1) { ...EventBits kind: __typename groupByGroupId @skip(if: $skipGroup) { name } }
              two: eventById(id: 2) { ... on Event { t: title @include(if: $withTitle) } }
            }
            fragment EventBits on Event { id title @include(if: $withTitle) }
            """;
        var on = await forum.Client.QueryAsync(query, new { withTitle = true, skipGroup = false });
        var off = await forum.Client.QueryAsync(query, new { withTitle = false, skipGroup = true });
        Assert.Equal("""{"id" : 1, "title" : "Event 1 talk", "kind" : "Event", "groupByGroupId" : {"name" : "Climbers"}}""", on.Data("one").GetRawText());
        Assert.Equal("""{"id" : 1, "kind" : "Event"}""", off.Data("one").GetRawText());
        Assert.Equal("Event 2 talk", on.Data("two").GetProperty("t").GetString());
        Assert.False(off.Data("two").TryGetProperty("t", out _));
    }

    [Fact]
    public async Task Reserved_and_mixed_case_names_are_quoted()
    {
        var json = await forum.Client.QueryAsync("{ allSelects(orderBy: FROM_ASC) { nodes { id from where } } allVenues(condition: {venueName: \"Library\"}) { nodes { id capacity } } allPeople { nodes { fullName personByManagerId { fullName } } } }");
        Assert.Equal("here", json.Data("allSelects").GetProperty("nodes")[0].GetProperty("from").GetString());
        Assert.Equal(40, json.Data("allVenues").GetProperty("nodes")[0].GetProperty("capacity").GetInt32());
        Assert.Equal("Ada", json.Data("allPeople").GetProperty("nodes")[1].GetProperty("personByManagerId").GetProperty("fullName").GetString());
    }

    [Fact]
    public async Task Query_field_and_operation_name_pick_the_operation()
    {
        var body = System.Text.Json.JsonSerializer.Serialize(new { query = "query A { eventById(id: 1) { id } } query B { query { eventById(id: 2) { id } } }", operationName = "B" });
        var json = GraphQLClient.Json(await forum.Client.PostRawAsync(body));
        Assert.Equal(2, json.Data("query").GetProperty("eventById").GetProperty("id").GetInt32());
        var missing = GraphQLClient.Json(await forum.Client.PostRawAsync(System.Text.Json.JsonSerializer.Serialize(new { query = "query A { __typename } query B { __typename }" })));
        Assert.Equal("OPERATION_NOT_FOUND", missing.Code());
    }

    [Fact]
    public async Task Objects_wider_than_fifty_fields_keep_every_key_in_order()
    {
        var fields = string.Join(' ', Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? $"f{i}: id" : $"f{i}: title"));
        var json = await forum.Client.QueryAsync($"{{ eventById(id: 3) {{ {fields} }} allEvents(first: 1) {{ nodes {{ {fields} }} }} }}");
        var one = json.Data("eventById");
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"f{i}"), one.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Event 3 talk", one.GetProperty("f59").GetString());
        Assert.Equal(1, json.Data("allEvents").GetProperty("nodes")[0].GetProperty("f58").GetInt32());
    }

    [Fact]
    public async Task Composite_and_array_columns_come_back_as_objects_and_lists()
    {
        var json = await forum.Client.QueryAsync("{ allContacts(orderBy: ID_ASC) { nodes { name address { city } ranks } } }");
        var nodes = json.Data("allContacts").GetProperty("nodes");
        Assert.Equal("Wellington", nodes[0].GetProperty("address").GetProperty("city").GetString());
        Assert.Equal([3, 1, 2], nodes[0].GetProperty("ranks").EnumerateArray().Select(r => r.GetInt32()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, nodes[1].GetProperty("address").ValueKind);
    }

    [Fact]
    public async Task Interval_conditions_take_interval_inputs()
    {
        var literal = await forum.Client.QueryAsync("{ allEvents(condition: {duration: {hours: 1, minutes: 30}}) { totalCount } }");
        var variable = await forum.Client.QueryAsync("query($d: IntervalInput) { allEvents(condition: {duration: $d}) { totalCount } }", new { d = new { minutes = 90 } });
        var expected = await forum.Database.ScalarAsync<long>("select count(*) from event where duration = interval '90 minutes'");
        Assert.Equal(expected, literal.Data("allEvents").GetProperty("totalCount").GetInt64());
        Assert.Equal(expected, variable.Data("allEvents").GetProperty("totalCount").GetInt64());
    }
}
