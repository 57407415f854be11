using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Platform.DataPlane.Silo.Hosting;

/// <summary>
/// Orleans membership through the platform's PostgreSQL, using the ADO.NET clustering provider and the install SQL
/// in control-plane/Platform.Metadata/Migrations/0002_orleans_clustering.sql (apply it with MetadataMigrator first).
/// </summary>
public static class OrleansPostgresClustering
{
    /// <summary>The ADO.NET invariant under which the Orleans provider looks up Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>The schema that holds OrleansQuery and the membership tables.</summary>
    public const string Schema = "orleans";

    public static ISiloBuilder UsePlatformPostgresClustering(
        this ISiloBuilder builder,
        string connectionString,
        string clusterId = "platform",
        string serviceId = "platform")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);

        var orleansConnectionString = ConnectionStringFor(connectionString);
        return builder
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = serviceId;
            })
            .UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = orleansConnectionString;
            });
    }

    /// <summary>
    /// The connection string Orleans must use: the provider's bootstrap query names OrleansQuery without a schema,
    /// so the search path has to lead to ours. Clients (the gateway) use the same string with UseAdoNetClustering.
    /// </summary>
    public static string ConnectionStringFor(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = Schema }.ConnectionString;
}
