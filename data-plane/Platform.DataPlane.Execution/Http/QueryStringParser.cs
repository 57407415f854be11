namespace Platform.DataPlane.Execution.Http;

/// <summary>Decodes an application/x-www-form-urlencoded query string; the first occurrence of a name wins.</summary>
internal static class QueryStringParser
{
    public static Dictionary<string, string> Parse(string? queryString)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(queryString))
        {
            return result;
        }

        foreach (var pair in queryString.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Decode(pair[(eq + 1)..]);
            result.TryAdd(name, value);
        }

        return result;
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}
