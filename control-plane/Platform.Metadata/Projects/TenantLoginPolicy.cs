using Npgsql;

namespace Platform.Metadata.Projects;

/// <summary>
/// Which PostgreSQL logins a tenant may hand the platform. Whoever holds a project's service key runs arbitrary SQL
/// as that login (over /sql, and through DO blocks that no keyword guard can see into), so the login's rights are the
/// key's rights. Superuser, or the server-program and server-file roles, reach the server's shell and file system; on
/// PostgreSQL 15 CREATEROLE can grant itself those roles; REPLICATION streams every database of the cluster;
/// BYPASSRLS voids the row-level security the project's anonymous and end-user requests rely on. Where the cluster is
/// shared (another tenant's database, the platform's own metadata), any of these turns one key into the whole cluster.
/// A login's reach includes every role it may SET ROLE to, so those are checked too.
/// </summary>
public static class TenantLoginPolicy
{
    /// <summary>Roles whose members run programs or read and write files as the server's OS user.</summary>
    public static readonly IReadOnlyList<string> ServerRoles = ["pg_execute_server_program", "pg_read_server_files", "pg_write_server_files"];

    // The login and every role it is a member of, by grants (not by superuser's implicit membership in everything):
    // their attributes, and which server roles appear among them.
    private const string Sql = """
        WITH RECURSIVE reach (oid) AS (
            SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = session_user
            UNION
            SELECT m.roleid FROM pg_catalog.pg_auth_members m JOIN reach ON m.member = reach.oid
        )
        SELECT coalesce(bool_or(r.rolsuper), false), coalesce(bool_or(r.rolcreaterole), false),
               coalesce(bool_or(r.rolreplication), false), coalesce(bool_or(r.rolbypassrls), false),
               coalesce(array_agg(r.rolname::text ORDER BY r.rolname) FILTER (WHERE r.rolname = ANY($1)), '{}')
        FROM pg_catalog.pg_roles r JOIN reach ON r.oid = reach.oid
        """;

    /// <summary>
    /// Reads the rights of the connection's login (and of every role it can become) and judges them. A project that
    /// owns its database server outright may keep the cluster-wide attributes (they reach only its own server; the
    /// verdict carries a warning instead), never the server-program and server-file roles.
    /// </summary>
    public static async Task<TenantLoginVerdict> CheckAsync(NpgsqlConnection connection, bool ownsDatabaseServer, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(Sql, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = ServerRoles.ToArray() });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var attributes = new List<string>();
        if (reader.GetBoolean(0))
        {
            attributes.Add("SUPERUSER");
        }

        if (reader.GetBoolean(1))
        {
            attributes.Add("CREATEROLE");
        }

        if (reader.GetBoolean(2))
        {
            attributes.Add("REPLICATION");
        }

        if (reader.GetBoolean(3))
        {
            attributes.Add("BYPASSRLS");
        }

        var serverRoles = reader.GetFieldValue<string[]>(4);
        return Judge(attributes, serverRoles, ownsDatabaseServer);
    }

    /// <summary>Opens one connection with the given connection string and checks its login.</summary>
    public static async Task<TenantLoginVerdict> CheckAsync(string connectionString, bool ownsDatabaseServer, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return await CheckAsync(connection, ownsDatabaseServer, cancellationToken);
    }

    public static TenantLoginVerdict Judge(IReadOnlyList<string> attributes, IReadOnlyList<string> serverRoles, bool ownsDatabaseServer)
    {
        if (serverRoles.Count > 0)
        {
            return TenantLoginVerdict.Refuse(
                $"The database login is (or can become) a member of {string.Join(", ", serverRoles)}, which run programs or "
                + "read and write files on the database server; connect as a login without them.");
        }

        if (attributes.Count == 0)
        {
            return TenantLoginVerdict.Safe;
        }

        var list = string.Join(", ", attributes);
        if (ownsDatabaseServer)
        {
            return TenantLoginVerdict.Warn(
                $"The database login has (or can become a role with) {list}; allowed because the project owns its database server (ownsDatabaseServer).");
        }

        return TenantLoginVerdict.Refuse(
            $"The database login has (or can become a role with) {list}; connect as a login without SUPERUSER, CREATEROLE, "
            + "REPLICATION and BYPASSRLS (the database's owner needs none of them), or set ownsDatabaseServer if the project owns its server.");
    }
}
