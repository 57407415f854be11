using Npgsql;

namespace Platform.Metadata;

/// <summary>
/// Accepts both postgres:// URLs (what users paste from their provider) and Npgsql key=value strings,
/// and refuses anything that does not parse, before it is stored or used.
/// </summary>
public static class PostgresConnectionString
{
    public static string Normalize(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        value = value.Trim();
        if (value.StartsWith("postgres://", StringComparison.Ordinal) || value.StartsWith("postgresql://", StringComparison.Ordinal))
        {
            return FromUrl(value);
        }

        try
        {
            var b = new NpgsqlConnectionStringBuilder(value);
            if (string.IsNullOrEmpty(b.Host))
            {
                throw new ArgumentException("The connection string names no host.");
            }

            return b.ConnectionString;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException("Invalid PostgreSQL connection string: " + e.Message, nameof(value), e);
        }
    }

    private static string FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException("Invalid PostgreSQL URL.", nameof(url));
        }

        var b = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : "postgres",
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            b.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length > 1)
        {
            b.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var k = Uri.UnescapeDataString(kv[0]);
            var v = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "";
            if (k == "sslmode")
            {
                b.SslMode = Enum.Parse<SslMode>(v.Replace("-", ""), ignoreCase: true);
            }
            else if (k == "application_name")
            {
                b.ApplicationName = v;
            }
        }

        return b.ConnectionString;
    }
}
