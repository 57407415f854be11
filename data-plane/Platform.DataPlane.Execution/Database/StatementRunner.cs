using System.Data;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.DataPlane.Planning.Binding;
using Platform.DataPlane.Planning.Plans;
using Platform.Errors.Postgres;

namespace Platform.DataPlane.Execution.Database;

/// <summary>
/// Sends every root field's statement in one batch (one network round trip) and returns each field's JSON as bytes.
/// Without a session, statements are prepared explicitly so PostgreSQL parses and plans each distinct text once per
/// connection. With one, see <see cref="RunAsync(NpgsqlDataSource, IReadOnlyList{SqlStatement}, JsonElement?, GraphQLSession?, CancellationToken)"/>.
/// </summary>
public static class StatementRunner
{
    public static Task<ReadOnlyMemory<byte>?[]> RunAsync(
        NpgsqlDataSource dataSource,
        IReadOnlyList<SqlStatement> statements,
        JsonElement? variables,
        CancellationToken ct) => RunAsync(dataSource, statements, variables, null, ct);

    public static Task<ReadOnlyMemory<byte>?[]> RunAsync(
        NpgsqlDataSource dataSource,
        IReadOnlyList<SqlStatement> statements,
        JsonElement? variables,
        GraphQLSession? session,
        CancellationToken ct) => RunAsync(dataSource, statements, variables, session, new ResponseBudget(long.MaxValue), ct);

    /// <summary>
    /// With a session, the batch is BEGIN, the role and settings made transaction-local, the statements, COMMIT:
    /// still one round trip. If a statement fails, PostgreSQL skips the rest and Npgsql rolls the open
    /// transaction back before the connection goes back to the pool, so nothing leaks to the next request.
    /// The statements are not prepared ahead: an explicit prepare parses them before the batch runs, that is before
    /// the role is set, and a NOINHERIT authenticator may not even use the schema. Npgsql's automatic preparation
    /// (the data source's Max Auto Prepare) writes each Parse inside the batch, after the role is in force; each text
    /// carries its role (<see cref="RoleScopedSql"/>), so a parse under one role is never reused under another.
    /// Values are read sequentially and charged to <paramref name="budget"/>: past it, the statement is cancelled
    /// (the connection goes back to the pool healthy) and <see cref="ResponseBudgetExceededException"/> is thrown.
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>?[]> RunAsync(
        NpgsqlDataSource dataSource,
        IReadOnlyList<SqlStatement> statements,
        JsonElement? variables,
        GraphQLSession? session,
        ResponseBudget budget,
        CancellationToken ct)
    {
        var results = new ReadOnlyMemory<byte>?[statements.Count];
        if (statements.Count == 0)
        {
            return results;
        }

        await using var connection = await TenantConnections.OpenAsync(dataSource, ct);
        if (session is null || session.IsEmpty)
        {
            if (statements.Count == 1)
            {
                results[0] = await RunOneAsync(connection, statements[0], variables, budget, ct);
                return results;
            }

            await RunBatchAsync(connection, null, statements, variables, results, budget, ct);
            return results;
        }

        await RunBatchAsync(connection, session, statements, variables, results, budget, ct);
        return results;
    }

    private static async Task RunBatchAsync(
        NpgsqlConnection connection,
        GraphQLSession? session,
        IReadOnlyList<SqlStatement> statements,
        JsonElement? variables,
        ReadOnlyMemory<byte>?[] results,
        ResponseBudget budget,
        CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        if (session is not null)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("begin"));
            batch.BatchCommands.Add(SessionCommand(session));
        }

        foreach (var statement in statements)
        {
            var command = new NpgsqlBatchCommand(RoleScopedSql.Apply(statement.Text, session));
            foreach (var value in ParameterBinder.Bind(statement, variables))
            {
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value });
            }

            batch.BatchCommands.Add(command);
        }

        if (session is not null)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("commit"));
        }

        if (session is null)
        {
            await batch.PrepareAsync(ct);
        }

        await using var reader = await batch.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        try
        {
            if (session is not null)
            {
                // The reader passes over BEGIN by itself (no rows); skip the settings statement's row.
                await reader.NextResultAsync(ct);
            }

            for (var i = 0; i < statements.Count; i++)
            {
                if (await reader.ReadAsync(ct) && !await reader.IsDBNullAsync(0, ct))
                {
                    results[i] = await BoundedColumnReader.ReadAsync(reader, 0, budget, ct);
                }

                await reader.NextResultAsync(ct);
            }
        }
        catch (ResponseBudgetExceededException)
        {
            await CancelQuietlyAsync(batch.Cancel, reader);
            throw;
        }
    }

    private static NpgsqlBatchCommand SessionCommand(GraphQLSession session)
    {
        var (sql, parameters) = SessionSettingsSql.Build(session);
        var command = new NpgsqlBatchCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(p);
        }

        return command;
    }

    private static async Task<ReadOnlyMemory<byte>?> RunOneAsync(NpgsqlConnection connection, SqlStatement statement, JsonElement? variables, ResponseBudget budget, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(statement.Text, connection);
        foreach (var value in ParameterBinder.Bind(statement, variables))
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value });
        }

        await command.PrepareAsync(ct);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        try
        {
            if (await reader.ReadAsync(ct) && !await reader.IsDBNullAsync(0, ct))
            {
                return await BoundedColumnReader.ReadAsync(reader, 0, budget, ct);
            }
        }
        catch (ResponseBudgetExceededException)
        {
            await CancelQuietlyAsync(command.Cancel, reader);
            throw;
        }

        return null;
    }

    /// <summary>
    /// Without a cancel, closing the reader would pull the rest of the output over the network first. A failure of
    /// the cleanup must not replace the one being reported; a connection it broke is discarded by the pool.
    /// </summary>
    private static async Task CancelQuietlyAsync(Action cancel, NpgsqlDataReader reader)
    {
        try
        {
            await Task.Run(cancel, CancellationToken.None);
            await reader.DisposeAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
        {
        }
    }
}
