namespace Platform.DataPlane.Planning.Plans;

/// <summary>
/// One SQL statement returning one row with one json column. <see cref="Text"/> uses positional
/// placeholders ($1..) whose values come from <see cref="Parameters"/> in order; all are sent as text.
/// </summary>
public sealed record SqlStatement(string Text, IReadOnlyList<ParameterSource> Parameters);
