namespace Platform.DataPlane.Planning.Plans;

/// <summary>
/// A value read from the request's variables at execution time, so one cached plan serves every value.
/// <paramref name="Path"/> walks into input objects and lists (property names or indexes as strings).
/// </summary>
public sealed record VariableParameter(string Name, ValueFormat Format, string PathKey = "") : ParameterSource
{
    public IReadOnlyList<string> Path => PathKey.Length == 0 ? [] : PathKey.Split('.');
}
