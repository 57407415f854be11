using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Metadata.Keys;
using Platform.Metadata.Projects;
using Platform.Metadata.Schemas;
using Platform.Metadata.Security;
using Platform.Metadata.Silos;

namespace Platform.Metadata.Hosting;

public static class MetadataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the platform metadata database (ConnectionStrings:Metadata, URL or key=value) and its stores.
    /// The master key (Platform:MasterKey) is needed only by hosts that read or write secrets.
    /// </summary>
    public static IServiceCollection AddPlatformMetadata(this IServiceCollection services, IConfiguration configuration, string applicationName)
    {
        var raw = configuration.GetConnectionString("Metadata")
            ?? throw new InvalidOperationException("ConnectionStrings:Metadata is not configured.");
        var cs = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize(raw))
        {
            ApplicationName = applicationName,
            // Readiness must answer quickly when the metadata database is down.
            Timeout = 3,
        };
        // Named, so pool metrics carry this name rather than the connection string.
        services.AddSingleton(new MetadataDataSource(new NpgsqlDataSourceBuilder(cs.ConnectionString) { Name = applicationName }.Build()));
        services.AddSingleton(sp => sp.GetRequiredService<MetadataDataSource>().DataSource);
        services.AddSingleton(_ => SecretProtector.FromBase64(configuration["Platform:MasterKey"]));
        services.AddSingleton<ProjectStore>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<SiloRegistry>();
        services.AddSingleton<SchemaSnapshotStore>();
        services.AddHealthChecks().AddCheck<MetadataHealthCheck>("metadata-db", tags: ["ready"]);
        return services;
    }
}
