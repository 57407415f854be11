using Npgsql;
using NpgsqlTypes;
using Platform.DataPlane.Introspection;
using Platform.DataPlane.Introspection.Model;

namespace Platform.DataPlane.Execution.Database;

/// <summary>Runs the catalog queries: the snapshot (one round trip) and the cheap version that says when to take another.</summary>
public static class CatalogReader
{
    /// <summary>Privileges as the connection's own role holds them.</summary>
    public static Task<CatalogSnapshot> ReadAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> schemas, CancellationToken ct) =>
        ReadAsync(dataSource, schemas, [], ct);

    /// <summary>Privileges as any of <paramref name="roles"/> holds them (empty: the connection's own role).</summary>
    public static async Task<CatalogSnapshot> ReadAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> schemas, IReadOnlyList<string> roles, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(CatalogQuery.Text);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = schemas.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = roles.ToArray() });
        var json = (string?)await command.ExecuteScalarAsync(ct) ?? throw new InvalidOperationException("The catalog query returned no document.");
        return SnapshotSerializer.Deserialize(json);
    }

    /// <summary>The exposed catalog's version (<see cref="CatalogVersionQuery"/>): it moves with every DDL change there.</summary>
    public static async Task<string> ReadVersionAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> schemas, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(CatalogVersionQuery.Text);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = schemas.ToArray() });
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }
}
