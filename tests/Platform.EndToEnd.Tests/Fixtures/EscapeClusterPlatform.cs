using Npgsql;
using Platform.Metadata.Projects;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>
/// A silo with the tenant login check on (as deployed and in run.sh), and tenants on a throwaway cluster of their own,
/// so an attack that gets through can only harm a cluster that is dropped afterwards. Logins: <c>escapee</c> with
/// CREATEROLE (run.sh's demo owner before the fix), <c>climber</c> that can SET ROLE to a role with CREATEROLE,
/// <c>reader</c> granted pg_read_server_files, <c>safe_owner</c> as the samples describe, and <c>own_server</c>
/// with CREATEROLE for a project that says it owns its server.
/// </summary>
public sealed class EscapeClusterPlatform : IAsyncLifetime
{
    public const string Password = "pw_escape_tenant";

    public LocalCluster Cluster { get; private set; } = null!;

    public TestDatabase Metadata { get; } = new();

    public PlatformHosts Hosts { get; private set; } = null!;

    public TestProject Escapee { get; private set; } = null!;

    public TestProject Climber { get; private set; } = null!;

    public TestProject Reader { get; private set; } = null!;

    public TestProject SafeOwner { get; private set; } = null!;

    public TestProject OwnServer { get; private set; } = null!;

    public string GatewayUrl => Hosts.Gateway.Url;

    public async Task InitializeAsync()
    {
        var cluster = LocalCluster.CreateOwnAsync("platform_escape");
        await Task.WhenAll(cluster, Metadata.InitializeAsync());
        Cluster = await cluster;
        await AdminAsync($"""
            CREATE ROLE escapee LOGIN CREATEROLE PASSWORD '{Password}';
            CREATE ROLE role_admins NOLOGIN CREATEROLE;
            CREATE ROLE climber LOGIN PASSWORD '{Password}' IN ROLE role_admins;
            CREATE ROLE reader LOGIN PASSWORD '{Password}' IN ROLE pg_read_server_files;
            CREATE ROLE safe_owner LOGIN PASSWORD '{Password}';
            CREATE ROLE own_server LOGIN CREATEROLE PASSWORD '{Password}';
            """);
        foreach (var owner in new[] { "escapee", "climber", "reader", "safe_owner", "own_server" })
        {
            await AdminAsync($"CREATE DATABASE db_{owner} OWNER {owner} TEMPLATE template0");
        }

        Hosts = await PlatformHosts.StartAsync(Metadata, 1, new Dictionary<string, string>
        {
            ["Platform__Silo__Projects__AllowPrivilegedTenantLogins"] = "false",
        });
        Escapee = await Hosts.CreateProjectAsync(TenantConnectionString("escapee"));
        Climber = await Hosts.CreateProjectAsync(TenantConnectionString("climber"));
        Reader = await Hosts.CreateProjectAsync(TenantConnectionString("reader"));
        SafeOwner = await Hosts.CreateProjectAsync(TenantConnectionString("safe_owner"));
        OwnServer = await Hosts.CreateProjectAsync(TenantConnectionString("own_server"), new ProjectSettings { OwnsDatabaseServer = true });
    }

    public string TenantConnectionString(string login) => new NpgsqlConnectionStringBuilder(Cluster.AdminConnectionString)
    {
        Username = login,
        Password = Password,
        Database = "db_" + login,
    }.ConnectionString;

    public async Task<T> AdminScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(Cluster.AdminConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        if (Hosts is not null)
        {
            await Hosts.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await Metadata.DisposeAsync();
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Cluster.AdminConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }
}
