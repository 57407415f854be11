using Npgsql;
using Xunit;

namespace Platform.Testing.Postgres;

/// <summary>
/// A throwaway database for one test class: created from template0 on the shared server, dropped (forcibly) on dispose.
/// Use as an xunit class fixture: <c>IClassFixture&lt;TestDatabase&gt;</c>.
/// </summary>
public class TestDatabase : IAsyncLifetime
{
    private NpgsqlDataSource? dataSource;

    public string Name { get; } = "t_" + Guid.NewGuid().ToString("N")[..16];

    public PostgresServer Server { get; private set; } = null!;

    /// <summary>A superuser connection string to this database.</summary>
    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource => dataSource ?? throw new InvalidOperationException("database not initialized");

    public virtual async Task InitializeAsync()
    {
        Server = await PostgresServer.GetSharedAsync();
        await using (var admin = new NpgsqlConnection(Server.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{Name}\" TEMPLATE template0 ENCODING 'UTF8'", admin);
            await cmd.ExecuteNonQueryAsync();
        }

        ConnectionString = ConnectionStrings.WithDatabase(Server.AdminConnectionString, Name);
        dataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        var value = await cmd.ExecuteScalarAsync();
        return value is DBNull or null ? default : (T)value;
    }

    public virtual async Task DisposeAsync()
    {
        if (dataSource is not null)
        {
            await dataSource.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Server.AdminConnectionString);
        await admin.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await cmd.ExecuteNonQueryAsync();
    }
}
