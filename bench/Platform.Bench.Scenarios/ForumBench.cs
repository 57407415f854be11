using System.Reflection;

namespace Platform.Bench.Scenarios;

/// <summary>The forum schema of the planner tests, grown so that 10 × 10 × 10 nesting has rows at every level.</summary>
public static class ForumBench
{
    /// <summary>The four shapes: a lookup, a list with one relation, three levels of nesting, a counted connection.</summary>
    public static readonly IReadOnlyList<BenchScenario> Scenarios =
    [
        new("by primary key", "query($id: Int!) { eventById(id: $id) { id title startsAt } }", "{\"id\": 7}"),
        new("20 rows + 1 relation", "{ allEvents(first: 20) { nodes { id title groupByGroupId { name } } } }", null),
        new("3 levels 10x10x10", "{ allGroups(first: 10, orderBy: ID_DESC) { nodes { name eventsByGroupId(first: 10) { nodes { title commentsByEventId(first: 10) { nodes { body } } } } } } }", null),
        new("connection+count+order+condition", "{ allEvents(first: 10, orderBy: STARTS_AT_DESC, condition: {status: PUBLISHED}) { totalCount nodes { id title } } }", null),
    ];

    /// <summary>forum.sql, then 10 groups × 10 events × 10 comments (the newest groups, which the nesting scenario reads).</summary>
    public static string SetupSql()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("forum.sql")
            ?? throw new InvalidOperationException("forum.sql is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd() + """

            insert into "group" (name) select 'Bench ' || g from generate_series(1, 10) g;
            insert into event (group_id, title, status, starts_at)
              select g.id, g.name || ' event ' || e, 'published', timestamptz '2024-07-01' + e * interval '1 hour'
              from "group" g, generate_series(1, 10) e where g.name like 'Bench %';
            create index on event (group_id);
            create index on comment (event_id);
            insert into comment (event_id, author_id, body, created_at)
              select e.id, '00000000-0000-0000-0000-000000000001', 'Comment ' || c || ' on ' || e.title, now()
              from event e join "group" g on g.id = e.group_id, generate_series(1, 10) c where g.name like 'Bench %';
            analyze;
            """;
    }
}
