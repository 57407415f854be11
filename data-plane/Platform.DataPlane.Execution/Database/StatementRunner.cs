using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.DataPlane.Planning.Binding;
using Platform.DataPlane.Planning.Plans;

namespace Platform.DataPlane.Execution.Database;

/// <summary>
/// Sends every root field's statement in one batch (one network round trip) and returns each field's JSON as bytes.
/// Statements are prepared so PostgreSQL parses and plans each distinct text once per connection.
/// </summary>
public static class StatementRunner
{
    public static async Task<ReadOnlyMemory<byte>?[]> RunAsync(
        NpgsqlDataSource dataSource,
        IReadOnlyList<SqlStatement> statements,
        JsonElement? variables,
        CancellationToken ct)
    {
        var results = new ReadOnlyMemory<byte>?[statements.Count];
        if (statements.Count == 0)
        {
            return results;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (statements.Count == 1)
        {
            results[0] = await RunOneAsync(connection, statements[0], variables, ct);
            return results;
        }

        await using var batch = new NpgsqlBatch(connection);
        foreach (var statement in statements)
        {
            var command = new NpgsqlBatchCommand(statement.Text);
            foreach (var value in ParameterBinder.Bind(statement, variables))
            {
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value });
            }

            batch.BatchCommands.Add(command);
        }

        await batch.PrepareAsync(ct);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        for (var i = 0; i < statements.Count; i++)
        {
            if (await reader.ReadAsync(ct) && !reader.IsDBNull(0))
            {
                results[i] = await ReadBytesAsync(reader, ct);
            }

            await reader.NextResultAsync(ct);
        }

        return results;
    }

    private static async Task<ReadOnlyMemory<byte>?> RunOneAsync(NpgsqlConnection connection, SqlStatement statement, JsonElement? variables, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(statement.Text, connection);
        foreach (var value in ParameterBinder.Bind(statement, variables))
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value });
        }

        await command.PrepareAsync(ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (await reader.ReadAsync(ct) && !reader.IsDBNull(0))
        {
            return await ReadBytesAsync(reader, ct);
        }

        return null;
    }

    private static Task<ReadOnlyMemory<byte>> ReadBytesAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        _ = ct;
        // The row is already buffered (non-sequential reader), so a synchronous read costs no I/O.
        var text = reader.GetString(0);
        return Task.FromResult<ReadOnlyMemory<byte>>(System.Text.Encoding.UTF8.GetBytes(text));
    }
}
