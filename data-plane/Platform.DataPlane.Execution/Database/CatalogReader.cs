using Npgsql;
using NpgsqlTypes;
using Platform.DataPlane.Introspection;
using Platform.DataPlane.Introspection.Model;

namespace Platform.DataPlane.Execution.Database;

/// <summary>Runs the catalog query (one round trip) and returns the snapshot.</summary>
public static class CatalogReader
{
    public static async Task<CatalogSnapshot> ReadAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> schemas, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(CatalogQuery.Text);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = schemas.ToArray() });
        var json = (string?)await command.ExecuteScalarAsync(ct) ?? throw new InvalidOperationException("The catalog query returned no document.");
        return SnapshotSerializer.Deserialize(json);
    }
}
