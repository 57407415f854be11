using Npgsql;
using Platform.Metadata;

namespace Platform.Testing.Postgres;

/// <summary>Connection strings as tests need them; parsing is the platform's own (URLs or key=value strings).</summary>
public static class ConnectionStrings
{
    public static string Normalize(string value) => PostgresConnectionString.Normalize(value);

    public static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;
}
