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
            if (await reader.ReadAsync(ct) && !await reader.IsDBNullAsync(0, ct))
            {
                results[i] = await ReadBytesAsync(reader, ct);
            }

            await reader.NextResultAsync(ct);
        }

        return results;
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBytesAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        // Streaming the column keeps PostgreSQL's UTF-8 bytes as they are instead of decoding to a .NET string.
        await using var stream = await reader.GetStreamAsync(0, ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, ct);
        return copy.GetBuffer().AsMemory(0, (int)copy.Length);
    }
}
