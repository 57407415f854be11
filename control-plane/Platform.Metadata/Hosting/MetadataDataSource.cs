using Npgsql;

namespace Platform.Metadata.Hosting;

/// <summary>Names the metadata data source in DI so it is never confused with a tenant's.</summary>
public sealed record MetadataDataSource(NpgsqlDataSource DataSource);
