using System.Text.Json;
using Platform.DataPlane.Planning.Tests.Support;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Queries;

/// <summary>Every connection argument against the same query written directly in SQL.</summary>
public sealed class OrderingAndPagingTests(ForumFixture forum) : IClassFixture<ForumFixture>
{
    public static TheoryData<string, string> Orders => new()
    {
        { "ID_ASC", "id asc" },
        { "ID_DESC", "id desc" },
        { "GROUP_ID_ASC", "group_id asc, id" },
        { "ORGANIZER_ID_DESC", "organizer_id desc, id" },
        { "TITLE_ASC", "title asc, id" },
        { "STATUS_DESC", "status desc, id" },
        { "STARTS_AT_ASC", "starts_at asc, id" },
        { "DURATION_DESC", "duration desc, id" },
        { "CAPACITY_ASC", "capacity asc, id" },
        { "CAPACITY_DESC", "capacity desc, id" },
        { "PRIMARY_KEY_DESC", "id desc" },
    };

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task Ordering_by_each_column_matches_sql(string orderBy, string sqlOrder)
    {
        var json = await forum.Client.QueryAsync($"{{ allEvents(orderBy: [{orderBy}]) {{ nodes {{ id }} }} }}");
        var expected = await Reference.ColumnAsync<int>(forum.Database.DataSource, $"select id from event order by {sqlOrder}");
        Assert.Equal(expected, json.Data("allEvents").NodeIds());
    }

    [Fact]
    public async Task Two_order_terms_combine()
    {
        var json = await forum.Client.QueryAsync("{ allEvents(orderBy: [STATUS_ASC, CAPACITY_DESC]) { nodes { id } } }");
        var expected = await Reference.ColumnAsync<int>(forum.Database.DataSource, "select id from event order by status asc, capacity desc, id");
        Assert.Equal(expected, json.Data("allEvents").NodeIds());
    }

    [Theory]
    [InlineData("CAPACITY_DESC", "capacity desc, id", 7)]
    [InlineData("CAPACITY_ASC", "capacity asc, id", 6)]
    [InlineData("STARTS_AT_ASC", "starts_at asc, id", 9)]
    [InlineData("PRIMARY_KEY_ASC", "id", 40)]
    public async Task Forward_pages_with_after_visit_every_row_once(string orderBy, string sqlOrder, int pageSize)
    {
        const string query = "query($n: Int, $after: Cursor, $order: [EventsOrderBy!]) { allEvents(first: $n, after: $after, orderBy: $order) { nodes { id } pageInfo { hasNextPage hasPreviousPage endCursor } } }";
        var seen = new List<int>();
        string? after = null;
        for (var guard = 0; guard < 50; guard++)
        {
            var page = (await forum.Client.QueryAsync(query, new { n = pageSize, after, order = new[] { orderBy } })).Data("allEvents");
            seen.AddRange(page.NodeIds());
            var info = page.GetProperty("pageInfo");
            Assert.Equal(after is not null, info.GetProperty("hasPreviousPage").GetBoolean());
            if (!info.GetProperty("hasNextPage").GetBoolean())
            {
                break;
            }

            after = info.GetProperty("endCursor").GetString();
        }

        Assert.Equal(await Reference.ColumnAsync<int>(forum.Database.DataSource, $"select id from event order by {sqlOrder}"), seen);
    }

    [Theory]
    [InlineData("CAPACITY_DESC", "capacity desc, id", 7)]
    [InlineData("TITLE_ASC", "title asc, id", 11)]
    [InlineData("ORGANIZER_ID_ASC", "organizer_id asc, id", 5)]
    public async Task Backward_pages_with_before_visit_every_row_once(string orderBy, string sqlOrder, int pageSize)
    {
        const string query = "query($n: Int, $before: Cursor, $order: [EventsOrderBy!]) { allEvents(last: $n, before: $before, orderBy: $order) { nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor } } }";
        var pages = new List<List<int>>();
        string? before = null;
        for (var guard = 0; guard < 50; guard++)
        {
            var page = (await forum.Client.QueryAsync(query, new { n = pageSize, before, order = new[] { orderBy } })).Data("allEvents");
            pages.Insert(0, page.NodeIds());
            var info = page.GetProperty("pageInfo");
            Assert.Equal(before is not null, info.GetProperty("hasNextPage").GetBoolean());
            if (!info.GetProperty("hasPreviousPage").GetBoolean())
            {
                break;
            }

            before = info.GetProperty("startCursor").GetString();
        }

        Assert.Equal(await Reference.ColumnAsync<int>(forum.Database.DataSource, $"select id from event order by {sqlOrder}"), pages.SelectMany(p => p).ToList());
    }

    [Fact]
    public async Task First_offset_and_last_slice_like_sql()
    {
        var json = await forum.Client.QueryAsync("{ a: allEvents(first: 5, offset: 3, orderBy: TITLE_ASC) { nodes { id } pageInfo { hasNextPage hasPreviousPage } } b: allEvents(last: 4, orderBy: TITLE_ASC) { nodes { id } pageInfo { hasNextPage hasPreviousPage } } c: allEvents(first: 0) { nodes { id } totalCount } }");
        var ordered = await Reference.ColumnAsync<int>(forum.Database.DataSource, "select id from event order by title, id");
        var a = json.Data("a");
        Assert.Equal(ordered.Skip(3).Take(5).ToList(), a.NodeIds());
        Assert.True(a.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.True(a.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
        var b = json.Data("b");
        Assert.Equal(ordered.TakeLast(4).ToList(), b.NodeIds());
        Assert.False(b.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.True(b.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
        Assert.Empty(json.Data("c").NodeIds());
        Assert.Equal(40, json.Data("c").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Edges_carry_cursors_that_resume_after_that_edge()
    {
        var first = (await forum.Client.QueryAsync("{ allEvents(first: 3, orderBy: STARTS_AT_DESC) { edges { cursor node { id } } } }")).Data("allEvents");
        var second = first.GetProperty("edges")[1];
        var resumed = (await forum.Client.QueryAsync("query($c: Cursor) { allEvents(first: 2, after: $c, orderBy: STARTS_AT_DESC) { nodes { id } } }", new { c = second.GetProperty("cursor").GetString() })).Data("allEvents");
        var ordered = await Reference.ColumnAsync<int>(forum.Database.DataSource, "select id from event order by starts_at desc, id");
        Assert.Equal(ordered.Skip(2).Take(2).ToList(), resumed.NodeIds());
    }

    [Fact]
    public async Task A_cursor_from_another_ordering_is_refused_before_running()
    {
        var page = (await forum.Client.QueryAsync("{ allEvents(first: 1, orderBy: TITLE_ASC) { pageInfo { endCursor } } }")).Data("allEvents");
        var cursor = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var json = await forum.Client.QueryAsync("query($c: Cursor) { allEvents(after: $c, orderBy: CAPACITY_ASC) { nodes { id } } }", new { c = cursor });
        Assert.Equal("INVALID_CURSOR", json.Code());
        var garbage = await forum.Client.QueryAsync("{ allEvents(after: \"not a cursor\") { nodes { id } } }");
        Assert.Equal("INVALID_CURSOR", garbage.Code());
    }

    [Fact]
    public async Task Views_without_keys_page_forwards_by_position()
    {
        const string query = "query($after: Cursor) { allEventSummaries(first: 15, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } totalCount } }";
        var seen = new List<int>();
        string? after = null;
        for (var guard = 0; guard < 10; guard++)
        {
            var page = (await forum.Client.QueryAsync(query, new { after })).Data("allEventSummaries");
            Assert.Equal(40, page.GetProperty("totalCount").GetInt32());
            seen.AddRange(page.NodeIds());
            if (!page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                break;
            }

            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }

        Assert.Equal(40, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("[TITLE_DESC]", "title desc")]
    [InlineData("[GROUP_NAME_ASC, ID_DESC]", "group_name asc, id desc")]
    public async Task Views_without_keys_page_backwards_by_position(string orderBy, string sqlOrder)
    {
        var query = "query($before: Cursor) { allEventSummaries(last: 6, before: $before, orderBy: " + orderBy + ") { nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor } } }";
        var pages = new List<List<int>>();
        string? before = null;
        for (var guard = 0; guard < 20; guard++)
        {
            var page = (await forum.Client.QueryAsync(query, new { before })).Data("allEventSummaries");
            pages.Insert(0, page.NodeIds());
            Assert.Equal(before is not null, page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
            if (!page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean())
            {
                break;
            }

            before = page.GetProperty("pageInfo").GetProperty("startCursor").GetString();
        }

        Assert.Equal(await Reference.ColumnAsync<int>(forum.Database.DataSource, $"select id from event_summary order by {sqlOrder}"), pages.SelectMany(p => p).ToList());
    }

    [Fact]
    public async Task Set_returning_functions_page_in_both_directions()
    {
        var forward = (await forum.Client.QueryAsync("{ searchEvents(term: \"talk\", first: 4, offset: 2) { nodes { id } pageInfo { hasNextPage hasPreviousPage endCursor } } }")).Data("searchEvents");
        var all = await Reference.ColumnAsync<int>(forum.Database.DataSource, "select id from search_events('talk')");
        Assert.Equal(all.Skip(2).Take(4).ToList(), forward.NodeIds());
        Assert.True(forward.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
        var cursor = forward.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var back = (await forum.Client.QueryAsync("query($c: Cursor) { searchEvents(term: \"talk\", last: 3, before: $c) { nodes { id } } }", new { c = cursor })).Data("searchEvents");
        // "before" excludes the cursor row itself: the three rows preceding the last one of the forward page.
        Assert.Equal(all.Skip(2).Take(3).ToList(), back.NodeIds());
    }

    [Fact]
    public async Task First_and_last_together_are_refused()
    {
        var json = await forum.Client.QueryAsync("{ allEvents(first: 1, last: 1) { nodes { id } } }");
        Assert.Equal("BAD_USER_INPUT", json.Code());
    }

    internal static List<int> Ids(JsonElement connection) => connection.NodeIds();
}
