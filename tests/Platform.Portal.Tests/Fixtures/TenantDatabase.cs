using Npgsql;
using Platform.Testing.Postgres;

namespace Platform.Portal.Tests.Fixtures;

/// <summary>
/// A tenant database owned by an ordinary login (no superuser, no CREATEROLE), as a team would register it: the
/// control plane refuses privileged logins. Dropped with its role on dispose.
/// </summary>
public sealed class TenantDatabase : IAsyncDisposable
{
    private readonly PostgresServer server;

    private TenantDatabase(PostgresServer server, string name, string role, string password)
    {
        this.server = server;
        Name = name;
        Role = role;
        var b = new NpgsqlConnectionStringBuilder(server.AdminConnectionString);
        Url = $"postgres://{role}:{password}@{b.Host}:{b.Port}/{name}";
    }

    public string Name { get; }

    public string Role { get; }

    /// <summary>The URL form a user pastes into the wizard.</summary>
    public string Url { get; }

    public static async Task<TenantDatabase> CreateAsync()
    {
        var server = await PostgresServer.GetSharedAsync();
        var id = Guid.NewGuid().ToString("N")[..12];
        var t = new TenantDatabase(server, "tenant_" + id, "tenant_" + id, "pw_" + id);
        await using var admin = new NpgsqlConnection(server.AdminConnectionString);
        await admin.OpenAsync();
        foreach (var sql in new[]
        {
            $"CREATE ROLE \"{t.Role}\" LOGIN PASSWORD 'pw_{id}' NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS",
            $"CREATE DATABASE \"{t.Name}\" OWNER \"{t.Role}\" TEMPLATE template0 ENCODING 'UTF8'",
        })
        {
            await using var cmd = new NpgsqlCommand(sql, admin);
            await cmd.ExecuteNonQueryAsync();
        }

        return t;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server.AdminConnectionString);
        await admin.OpenAsync();
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", $"DROP ROLE IF EXISTS \"{Role}\"" })
        {
            await using var cmd = new NpgsqlCommand(sql, admin);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
