using GraphQL.Types;
using Platform.DataPlane.Planning.Tests.Support;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Schema;

public sealed class SchemaNamingTests(ForumFixture forum) : IClassFixture<ForumFixture>
{
    private IComplexGraphType Type(string name) => (IComplexGraphType)forum.Service.Schema.AllTypes[name]!;

    private IEnumerable<string> Fields(string type) => Type(type).Fields.Select(f => f.Name);

    [Fact]
    public void Query_has_postgraphile_v4_root_fields()
    {
        var query = Fields("Query").ToHashSet();
        string[] expected =
        [
            "query", "nodeId", "node", "allEvents", "eventById", "event", "userByEmail", "userById", "membershipByGroupIdAndUserId",
            "allPeople", "personById", "allVenues", "venueById", "allSelects", "selectById", "allOrders", "allOrderItems",
            "orderItemByOrderIdAndLineNo", "allEventSummaries", "allGroupStats", "allAuditLogs", "searchEvents", "eventOfTheDay",
            "addNumbers", "groupByName", "allCountries", "countryByCode",
        ];
        Assert.All(expected, name => Assert.Contains(name, query));
        Assert.DoesNotContain("allSecretNotes", query);
        Assert.DoesNotContain("touchEvent", query);
        Assert.DoesNotContain("eventSummaryById", query);
    }

    [Fact]
    public void Relations_are_named_by_their_keys()
    {
        var evt = Fields("Event").ToHashSet();
        Assert.Superset(new HashSet<string> { "nodeId", "groupByGroupId", "userByOrganizerId", "fullTitle", "eventVenueByEventId", "eventTagsByEventId", "attendancesByEventId", "commentsByEventId" }, evt);
        Assert.Superset(new HashSet<string> { "groupByParentId", "groupsByParentId", "eventsByGroupId", "membershipsByGroupId" }, Fields("Group").ToHashSet());
        Assert.Superset(new HashSet<string> { "commentByParentId", "commentsByParentId" }, Fields("Comment").ToHashSet());
        Assert.Superset(new HashSet<string> { "membershipByGroupIdAndUserId", "eventByEventId" }, Fields("Attendance").ToHashSet());
        Assert.Superset(new HashSet<string> { "profileByUserId", "eventCount", "biography", "eventsByOrganizerId" }, Fields("User").ToHashSet());
        Assert.Superset(new HashSet<string> { "id", "venueName", "capacity", "eventVenuesByVenueId" }, Fields("Venue").ToHashSet());
        Assert.Superset(new HashSet<string> { "id", "from", "where" }, Fields("Select").ToHashSet());
    }

    [Fact]
    public void Smart_comments_rename_deprecate_and_describe()
    {
        var user = Type("User");
        Assert.DoesNotContain("bio", user.Fields.Select(f => f.Name));
        Assert.Equal("What the user says about themselves.", user.GetField("biography")!.Description);
        Assert.Equal("Use the leaderboard instead.", user.GetField("score")!.DeprecationReason);
        Assert.Equal("Something that happens at a time.", Type("Event").Description);
        Assert.Contains("settings", Fields("User"));
        Assert.DoesNotContain("settings", Fields("UserCondition"));
        var userOrder = (EnumerationGraphType)forum.Service.Schema.AllTypes["UsersOrderBy"]!;
        Assert.DoesNotContain(userOrder.Values, v => v.Name.StartsWith("SETTINGS", StringComparison.Ordinal));
        Assert.Equal("The title with the group name.", Type("Event").GetField("fullTitle")!.Description);
        Assert.DoesNotContain(forum.Service.Schema.AllTypes, t => t.Name.StartsWith("SecretNote", StringComparison.Ordinal));
    }

    [Fact]
    public void Scalars_enums_order_and_condition_types_follow_postgraphile()
    {
        var user = Type("User");
        Assert.Equal("BigInt!", user.GetField("score")!.ResolvedType!.ToString());
        Assert.Equal("BigFloat", user.GetField("balance")!.ResolvedType!.ToString());
        Assert.Equal("UUID!", user.GetField("id")!.ResolvedType!.ToString());
        Assert.Equal("JSON", user.GetField("settings")!.ResolvedType!.ToString());
        Assert.Equal("Date", user.GetField("birthday")!.ResolvedType!.ToString());
        Assert.Equal("Time", user.GetField("wakeUp")!.ResolvedType!.ToString());
        Assert.Equal("[String]", user.GetField("tags")!.ResolvedType!.ToString());
        Assert.Equal("Mood", user.GetField("mood")!.ResolvedType!.ToString());
        Assert.Equal("Datetime!", Type("Event").GetField("startsAt")!.ResolvedType!.ToString());
        Assert.Equal("Interval", Type("Event").GetField("duration")!.ResolvedType!.ToString());
        var mood = (EnumerationGraphType)forum.Service.Schema.AllTypes["Mood"]!;
        Assert.Equal(["HAPPY", "SAD", "IN_BETWEEN"], mood.Values.Select(v => v.Name));
        var order = (EnumerationGraphType)forum.Service.Schema.AllTypes["EventsOrderBy"]!;
        Assert.Superset(new HashSet<string> { "NATURAL", "ID_ASC", "STARTS_AT_DESC", "PRIMARY_KEY_ASC", "PRIMARY_KEY_DESC" }, order.Values.Select(v => v.Name).ToHashSet());
        Assert.Superset(new HashSet<string> { "id", "title", "status", "capacity", "groupId" }, Fields("EventCondition").ToHashSet());
        var connection = Fields("EventsConnection").ToHashSet();
        Assert.Superset(new HashSet<string> { "nodes", "edges", "pageInfo", "totalCount" }, connection);
    }
}
