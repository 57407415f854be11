using Npgsql;
using Platform.Testing.Postgres;

namespace Platform.EndToEnd.Tests.ControlPlane;

/// <summary>
/// A tenant database as a hosted project owner has one: owned by a plain LOGIN role (no SUPERUSER, CREATEROLE...), which
/// the control plane's connection check accepts. Dropped with its role on dispose.
/// </summary>
public sealed class TenantDatabase : IAsyncDisposable
{
    private readonly PostgresServer server;

    private TenantDatabase(PostgresServer server, string name)
    {
        this.server = server;
        Name = name;
        var admin = new NpgsqlConnectionStringBuilder(server.AdminConnectionString);
        ConnectionString = $"postgres://{name}:pw_{name}@{admin.Host}:{admin.Port}/{name}";
    }

    public string Name { get; }

    /// <summary>A postgres:// URL with the owner's password, as a user pastes it.</summary>
    public string ConnectionString { get; }

    public string Password => "pw_" + Name;

    public static async Task<TenantDatabase> CreateAsync()
    {
        var server = await PostgresServer.GetSharedAsync();
        var name = "tenant_" + Guid.NewGuid().ToString("N")[..12];
        await using var conn = new NpgsqlConnection(server.AdminConnectionString);
        await conn.OpenAsync();
        foreach (var sql in new[] { $"CREATE ROLE {name} LOGIN PASSWORD 'pw_{name}'", $"CREATE DATABASE {name} OWNER {name} TEMPLATE template0" })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            await cmd.ExecuteNonQueryAsync();
        }

        return new TenantDatabase(server, name);
    }

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var conn = new NpgsqlConnection(ConnectionStrings.WithDatabase(server.AdminConnectionString, Name));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        var value = await cmd.ExecuteScalarAsync();
        return value is DBNull or null ? default : (T)value;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(server.AdminConnectionString);
        await conn.OpenAsync();
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", $"DROP ROLE IF EXISTS {Name}" })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
