using Npgsql;

namespace Platform.Metadata.Projects;

/// <summary>
/// Refuses a tenant login with powers beyond its own database: superuser, CREATEROLE, REPLICATION, BYPASSRLS, or
/// membership in the roles that read or write the server's files or run programs on it. The platform runs tenant SQL
/// (GraphQL, SQL over HTTP, migrations) as this login, so any of these would reach past the tenant's database.
/// </summary>
public static class TenantLoginPrivileges
{
    private static readonly string[] ServerRoles = ["pg_execute_server_program", "pg_read_server_files", "pg_write_server_files"];

    /// <summary>Null when the login is acceptable; otherwise what is wrong with it.</summary>
    public static async Task<string?> RefusalAsync(NpgsqlConnection conn, CancellationToken ct = default)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT r.rolsuper, r.rolcreaterole, r.rolreplication, r.rolbypassrls,
                   coalesce((SELECT array_agg(s ORDER BY s) FROM unnest($1::text[]) s
                             WHERE EXISTS (SELECT 1 FROM pg_roles x WHERE x.rolname = s) AND pg_has_role(current_user, s, 'MEMBER')), '{}')
            FROM pg_roles r WHERE r.rolname = current_user
            """, conn);
        cmd.Parameters.AddWithValue(ServerRoles);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            return null;
        }

        var powers = new List<string>();
        if (r.GetBoolean(0))
        {
            powers.Add("SUPERUSER");
        }

        if (r.GetBoolean(1))
        {
            powers.Add("CREATEROLE");
        }

        if (r.GetBoolean(2))
        {
            powers.Add("REPLICATION");
        }

        if (r.GetBoolean(3))
        {
            powers.Add("BYPASSRLS");
        }

        powers.AddRange(r.GetFieldValue<string[]>(4));
        return powers.Count == 0
            ? null
            : $"The login has {string.Join(", ", powers)}; connect with a role that owns the project's database and nothing more.";
    }
}
