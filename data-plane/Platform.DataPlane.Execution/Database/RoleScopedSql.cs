using System.Text;

namespace Platform.DataPlane.Execution.Database;

/// <summary>
/// PostgreSQL checks some privileges (a schema's USAGE) when it parses a statement, not when it executes it, and a
/// prepared statement is parsed once per connection. A statement prepared while one role was in force could then run
/// under another role that may not use the schema at all. Prefixing each statement with a comment naming its role makes
/// the text, and so Npgsql's prepared-statement key, differ per role: a statement is only ever reused under the role it
/// was parsed under.
/// </summary>
public static class RoleScopedSql
{
    public static string Apply(string sql, GraphQLSession? session) =>
        session?.Role is { } role ? Marker(role) + sql : sql;

    /// <summary>Plain names as they are; anything else hex-encoded, so no role name can end the comment.</summary>
    public static string Marker(string role)
    {
        var plain = role.Length > 0 && role.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_');
        return plain ? "/* role " + role + " */ " : "/* role #" + Convert.ToHexString(Encoding.UTF8.GetBytes(role)) + " */ ";
    }
}
