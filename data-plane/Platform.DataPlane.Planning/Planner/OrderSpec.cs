using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Planning.Planner;

/// <summary>
/// A connection's resolved ordering. A keyed ordering is unique (it names a unique column or the primary key, or
/// else the primary key is appended, as PostGraphile v4 does), so cursors hold the row's order values after the
/// orderBy values in lower case (<see cref="Prefixes"/>); unkeyed ones (views, functions) use the row's position.
/// </summary>
public sealed record OrderSpec(IReadOnlyList<OrderTerm> Terms, IReadOnlyList<string> Prefixes, bool IsKeyed)
{
    /// <summary>What a cursor must have been issued for: the prefixes joined, or <c>natural</c>.</summary>
    public string Key => IsKeyed ? string.Join(",", Prefixes) : "natural";
}
