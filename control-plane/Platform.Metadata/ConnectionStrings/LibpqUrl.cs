namespace Platform.Metadata.ConnectionStrings;

/// <summary>
/// Splits a libpq URL (<c>postgres[ql]://[user[:password]@][host[:port][,host[:port]...]][/dbname][?param=value&amp;...]</c>)
/// into libpq parameters, percent-decoded. Hand-written because <see cref="Uri"/> refuses host lists and loses
/// bracketed IPv6 hosts' meaning; the parameters are then mapped one by one by <see cref="LibpqParameters"/>.
/// </summary>
public static class LibpqUrl
{
    public static IReadOnlyList<(string Name, string Value)> Parse(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var rest = url[(schemeEnd + 3)..];
        var parameters = new List<(string, string)>();
        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var query = queryStart < 0 ? "" : rest[(queryStart + 1)..];
        rest = queryStart < 0 ? rest : rest[..queryStart];
        var pathStart = rest.IndexOf('/', StringComparison.Ordinal);
        var path = pathStart < 0 ? "" : rest[(pathStart + 1)..];
        var authority = pathStart < 0 ? rest : rest[..pathStart];
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            parameters.Add(("user", Decode(colon < 0 ? userInfo : userInfo[..colon])));
            if (colon >= 0)
            {
                parameters.Add(("password", Decode(userInfo[(colon + 1)..])));
            }

            authority = authority[(at + 1)..];
        }

        if (authority.Length > 0)
        {
            var entries = authority.Split(',').Select(e => HostEntry(Decode(e))).ToList();
            if (entries.Count == 1)
            {
                // One host: its port as libpq's port parameter, so Npgsql's Host holds the name alone.
                var (host, port) = entries[0];
                parameters.Insert(0, ("host", host));
                if (port is not null)
                {
                    parameters.Insert(1, ("port", port));
                }
            }
            else
            {
                parameters.Insert(0, ("host", string.Join(',', entries.Select(e => e.Port is null ? Bracketed(e.Host) : $"{Bracketed(e.Host)}:{e.Port}"))));
            }
        }

        if (path.Length > 0)
        {
            parameters.Add(("dbname", Decode(path)));
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            parameters.Add(eq < 0 ? (Decode(pair), "") : (Decode(pair[..eq]), Decode(pair[(eq + 1)..])));
        }

        return parameters;
    }

    /// <summary>host, host:port, [v6] or [v6]:port, split into the host and its port.</summary>
    private static (string Host, string? Port) HostEntry(string entry)
    {
        if (entry.Length == 0)
        {
            throw new ArgumentException("The URL's host list has an empty entry.");
        }

        if (entry.StartsWith('['))
        {
            var close = entry.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < entry.Length && entry[close + 1] != ':'))
            {
                throw new ArgumentException($"'{entry}' is not a valid host.");
            }

            return (entry[1..close], close + 1 < entry.Length ? entry[(close + 2)..] : null);
        }

        var colon = entry.LastIndexOf(':');
        return colon < 0 ? (entry, null) : (entry[..colon], entry[(colon + 1)..]);
    }

    private static string Bracketed(string host) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;

    // libpq decodes %XX only; a '+' stays a '+'.
    private static string Decode(string s) => Uri.UnescapeDataString(s);
}
