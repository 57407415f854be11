namespace Platform.Conformance.Tests.Harness;

/// <summary>
/// printSchema's output cut into its definitions, each keyed by what it defines
/// (<c>Query</c>, <c>UsersConnection</c>, <c>@deprecated</c>...), with its description and fields in order.
/// </summary>
public static class SdlDefinitions
{
    public static IReadOnlyDictionary<string, string> Split(string sdl)
    {
        // printSchema separates definitions by a blank line and also fields that carry a description, so a new
        // definition is a blank line followed by an unindented line.
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var current = new List<string>();
        var lines = sdl.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i <= lines.Length; i++)
        {
            var boundary = i == lines.Length || (lines[i].Length > 0 && !char.IsWhiteSpace(lines[i][0]) && i > 0 && lines[i - 1].Length == 0);
            if (boundary && current.Count > 0)
            {
                var block = string.Join('\n', current).Trim();
                if (block.Length > 0)
                {
                    found[KeyOf(block)] = block;
                }

                current.Clear();
            }

            if (i < lines.Length)
            {
                current.Add(lines[i]);
            }
        }

        return found;
    }

    private static string KeyOf(string block)
    {
        // Descriptions come first ("""...""" or "..."); the definition's own line is the first that starts with a keyword.
        foreach (var line in block.Split('\n'))
        {
            var words = line.Split([' ', '(', '{', '@'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            switch (words[0])
            {
                case "schema":
                    return "schema";
                case "directive":
                    return "@" + line.Split('@', 2)[1].Split(['(', ' '], 2)[0];
                case "type" or "input" or "enum" or "scalar" or "interface" or "union" when words.Length > 1:
                    return words[1];
            }
        }

        return block;
    }
}
