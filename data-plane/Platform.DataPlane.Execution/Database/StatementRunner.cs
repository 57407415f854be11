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

    /// <summary>
    /// With a session, the batch is BEGIN, the role and settings made transaction-local, the statements, COMMIT:
    /// still one round trip. If a statement fails, PostgreSQL skips the rest and Npgsql rolls the open
    /// transaction back before the connection goes back to the pool, so nothing leaks to the next request.
    /// The statements are not prepared ahead: an explicit prepare parses them before the batch runs, that is before
    /// the role is set, and a NOINHERIT authenticator may not even use the schema. Npgsql's automatic preparation
    /// (the data source's Max Auto Prepare) writes each Parse inside the batch, after the role is in force; each text
    /// carries its role (<see cref="RoleScopedSql"/>), so a parse under one role is never reused under another.
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>?[]> RunAsync(
        NpgsqlDataSource dataSource,
        IReadOnlyList<SqlStatement> statements,
        JsonElement? variables,
        GraphQLSession? session,
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
                results[0] = await RunOneAsync(connection, statements[0], variables, ct);
                return results;
            }

            await RunBatchAsync(connection, null, statements, variables, results, ct);
            return results;
        }

        await RunBatchAsync(connection, session, statements, variables, results, ct);
        return results;
    }

    private static async Task RunBatchAsync(
        NpgsqlConnection connection,
        GraphQLSession? session,
        IReadOnlyList<SqlStatement> statements,
        JsonElement? variables,
        ReadOnlyMemory<byte>?[] results,
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

        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (session is not null)
        {
            // The reader passes over BEGIN by itself (no rows); skip the settings statement's row.
            await reader.NextResultAsync(ct);
        }

        for (var i = 0; i < statements.Count; i++)
        {
            if (await reader.ReadAsync(ct) && !reader.IsDBNull(0))
            {
                results[i] = await ReadBytesAsync(reader, ct);
            }

            await reader.NextResultAsync(ct);
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
