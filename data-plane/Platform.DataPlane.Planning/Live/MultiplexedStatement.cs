namespace Platform.DataPlane.Planning.Live;

/// <summary>
/// One statement answering a live query for many variable sets: row i (in order) holds, per root field, that field's
/// JSON for variable set i. <see cref="Values"/> are the positional parameters, all text.
/// </summary>
public sealed record MultiplexedStatement(string Text, IReadOnlyList<string?> Values, int Sets, int Fields);
