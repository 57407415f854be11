using Npgsql;

namespace Platform.Metadata.Projects;

/// <summary>
/// The form of a tenant connection string a person may see: user, host, port and database, never the password or
/// any other option (an option could carry a secret too, e.g. a client certificate password).
/// </summary>
public static class ConnectionStringMask
{
    public static string Mask(string normalizedConnectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(normalizedConnectionString);
        var user = string.IsNullOrEmpty(b.Username) ? "" : Uri.EscapeDataString(b.Username) + ":****@";
        return $"postgres://{user}{b.Host}:{b.Port}/{Uri.EscapeDataString(b.Database ?? "")}";
    }
}
