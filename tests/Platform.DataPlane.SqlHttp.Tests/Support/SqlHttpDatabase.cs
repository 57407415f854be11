using Npgsql;
using Platform.Testing.Postgres;

namespace Platform.DataPlane.SqlHttp.Tests.Support;

/// <summary>
/// A throwaway database plus a data source set up as the platform sets up a tenant's: error detail included,
/// and UTC so timestamptz text is predictable.
/// </summary>
public sealed class SqlHttpDatabase : TestDatabase
{
    private readonly List<NpgsqlDataSource> created = [];

    public NpgsqlDataSource Api { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Api = CreateDataSource(_ => { });
    }

    /// <summary>A fresh data source on this database; it loads PostgreSQL's types on first use, so it sees types created before.</summary>
    public NpgsqlDataSource CreateDataSource(Action<NpgsqlConnectionStringBuilder> configure)
    {
        var dataSource = SqlOverHttp.CreateDataSource(ConnectionString, builder =>
        {
            builder.IncludeErrorDetail = true;
            builder.Timezone = "UTC";
            configure(builder);
        });
        lock (created)
        {
            created.Add(dataSource);
        }

        return dataSource;
    }

    public override async Task DisposeAsync()
    {
        foreach (var dataSource in created)
        {
            await dataSource.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
