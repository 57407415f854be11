namespace Platform.DataPlane.Planning.Plans;

/// <summary>
/// One component of an opaque cursor (a literal or a variable). The cursor is decoded when parameters are bound;
/// <paramref name="OrderKey"/> must match the ordering the cursor was issued for, or the request is refused.
/// </summary>
internal sealed record CursorParameter(ParameterSource Cursor, string OrderKey, int Index) : ParameterSource;
