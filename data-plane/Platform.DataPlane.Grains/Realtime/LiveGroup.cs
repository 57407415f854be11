using Platform.DataPlane.Execution;
using Platform.DataPlane.Execution.Live;

namespace Platform.DataPlane.Grains.Realtime;

/// <summary>
/// Live-query subscribers that share one statement per interval: the same document (and SQL-shaping variables), the
/// same role and the same claims. Claims are part of the key, so row-level security never mixes two users' results.
/// </summary>
internal sealed class LiveGroup(string key, LiveQuery query, GraphQLSession? session)
{
    public string Key { get; } = key;

    /// <summary>The plan every member shares (the first member's); members differ only in variables.</summary>
    public LiveQuery Query { get; } = query;

    public GraphQLSession? Session { get; } = session;

    public List<Subscriber> Members { get; } = [];

    private int running;

    /// <summary>Claims the group for one interval; false while a slow statement of an earlier one still runs.</summary>
    public bool TryStart() => Interlocked.CompareExchange(ref running, 1, 0) == 0;

    public void Finish() => Volatile.Write(ref running, 0);
}
