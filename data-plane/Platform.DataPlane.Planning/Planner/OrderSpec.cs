using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Planning.Planner;

/// <summary>
/// A connection's resolved ordering. Keyed orderings end with the primary key, so every row has a unique position
/// and cursors hold the row's order values; unkeyed ones (views, functions) use the row's position as cursor.
/// </summary>
public sealed record OrderSpec(IReadOnlyList<OrderTerm> Terms, string Key, bool IsKeyed);
