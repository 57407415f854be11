namespace Platform.Gateway.Keys;

/// <summary>
/// The key as the password of a PostgreSQL URL in <c>Neon-Connection-String</c>, which <c>@neondatabase/serverless</c>
/// sends with every request, so <c>neon(DATABASE_URL)</c> needs no other option. Only the password is read: the
/// project comes from the key, and the user, host, database and parameters never choose another project or database.
/// </summary>
internal static class ConnectionStringKey
{
    public const string Header = "Neon-Connection-String";

    public static string? From(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString)
            || !(connectionString.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || connectionString.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            || !Uri.TryCreate(connectionString, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]) is { Length: > 0 } password ? password : null;
    }
}
