namespace Platform.DataPlane.Schema.Building;

/// <summary>
/// A PostgreSQL comment read the way PostGraphile reads smart comments: leading lines starting with '@' are tags
/// (<c>@omit</c>, <c>@name newName</c>, <c>@deprecated reason</c>), the rest is the GraphQL description.
/// </summary>
public sealed record SmartComment(IReadOnlyDictionary<string, string> Tags, string? Description)
{
    public static readonly SmartComment Empty = new(new Dictionary<string, string>(), null);

    public static SmartComment Parse(string? comment)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            return Empty;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = comment.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var i = 0;
        for (; i < lines.Length && lines[i].StartsWith('@'); i++)
        {
            var line = lines[i][1..];
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var name = space < 0 ? line.Trim() : line[..space];
            var value = space < 0 ? "" : line[(space + 1)..].Trim();
            tags[name] = tags.TryGetValue(name, out var existing) && existing.Length > 0 ? existing + "," + value : value;
        }

        var description = string.Join('\n', lines.Skip(i)).Trim();
        return new SmartComment(tags, description.Length == 0 ? null : description);
    }

    public string? Name => Tags.TryGetValue("name", out var n) && n.Length > 0 ? n : null;

    public string? Deprecated => Tags.TryGetValue("deprecated", out var d) ? (d.Length > 0 ? d : "Deprecated.") : null;

    /// <summary>True for a bare <c>@omit</c>, or when the omitted actions include <paramref name="action"/> (read, all, many...).</summary>
    public bool Omits(string action)
    {
        if (!Tags.TryGetValue("omit", out var value))
        {
            return false;
        }

        if (value.Length == 0)
        {
            return true;
        }

        var actions = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return actions.Contains("*", StringComparer.Ordinal)
            || actions.SelectMany(Expand).Contains(action, StringComparer.Ordinal);
    }

    /// <summary>PostGraphile v4's short form: <c>@omit :CUD</c> is create, update, delete.</summary>
    private static IEnumerable<string> Expand(string entry) => entry.StartsWith(':')
        ? entry[1..].Select(c => c switch
        {
            'C' => "create",
            'R' => "read",
            'U' => "update",
            'D' => "delete",
            'F' => "filter",
            'O' => "order",
            'A' => "all",
            'M' => "many",
            'X' => "execute",
            'B' => "base",
            _ => "?" + c,
        })
        : [entry];
}
