namespace Platform.DataPlane.Planning.Planner;

/// <summary>
/// Where JWT values sit in the response being planned: the response keys from the root field's value down,
/// with lists passed through (a path reaches every element of a list it crosses).
/// </summary>
public sealed partial class PlanContext
{
    private readonly List<string> path = [];
    private readonly HashSet<string> jwtTokenPaths = new(StringComparer.Ordinal);

    public void EnterKey(string responseKey) => path.Add(responseKey);

    public void ExitKey() => path.RemoveAt(path.Count - 1);

    /// <summary>The value being written at the current path is a JWT type's claims object.</summary>
    public void MarkJwtToken() => jwtTokenPaths.Add(string.Join('\n', path));

    /// <summary>The paths marked since the last call; called once per root field.</summary>
    public IReadOnlyList<IReadOnlyList<string>> TakeJwtTokenPaths()
    {
        var taken = jwtTokenPaths.Order(StringComparer.Ordinal)
            .Select(p => (IReadOnlyList<string>)(p.Length == 0 ? [] : p.Split('\n')))
            .ToList();
        jwtTokenPaths.Clear();
        return taken;
    }
}
