using Npgsql;
using NpgsqlTypes;
using Platform.DataPlane.Planning.Live;

namespace Platform.DataPlane.Execution.Database;

/// <summary>Runs one multiplexed live-query statement (under the group's session) and returns each set's field JSON.</summary>
internal static class LiveQueryRunner
{
    public static async Task<string?[][]> RunAsync(NpgsqlDataSource dataSource, MultiplexedStatement statement, GraphQLSession? session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(statement);
        var results = new string?[statement.Sets][];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = new string?[statement.Fields];
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        var withSession = session is { IsEmpty: false };
        if (withSession)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("begin"));
            var (sql, parameters) = SessionSettingsSql.Build(session!);
            var settings = new NpgsqlBatchCommand(sql);
            foreach (var p in parameters)
            {
                settings.Parameters.Add(p);
            }

            batch.BatchCommands.Add(settings);
        }

        var command = new NpgsqlBatchCommand(statement.Text);
        foreach (var value in statement.Values)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value });
        }

        batch.BatchCommands.Add(command);
        if (withSession)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("commit"));
        }

        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (withSession)
        {
            await reader.NextResultAsync(ct);
        }

        while (await reader.ReadAsync(ct))
        {
            var set = reader.GetInt32(0);
            for (var f = 0; f < statement.Fields; f++)
            {
                results[set][f] = reader.IsDBNull(f + 1) ? null : reader.GetString(f + 1);
            }
        }

        return results;
    }
}
