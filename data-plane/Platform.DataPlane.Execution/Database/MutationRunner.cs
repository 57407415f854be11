using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.DataPlane.Planning.Binding;
using Platform.DataPlane.Planning.Errors;
using Platform.DataPlane.Planning.Plans;
using Platform.Errors.Postgres;
using GraphQLErrorJson = Platform.Errors.GraphQLErrorJson;

namespace Platform.DataPlane.Execution.Database;

/// <summary>
/// Runs a mutation's root fields one after another in one transaction, as the GraphQL spec orders them: each sees
/// the changes of those before it, and each field's payload statement runs after its change (see <see cref="RootFieldPlan"/>).
/// The first failure rolls everything back, so a request commits as a whole or not at all.
/// </summary>
/// <remarks>
/// The transaction is written in SQL rather than through NpgsqlTransaction so that its ends ride with statements that
/// are sent anyway: BEGIN (and the session's settings) with the first change, COMMIT with the last payload. A
/// one-field mutation is two round trips instead of three (decision 0009).
/// </remarks>
internal static class MutationRunner
{
    public static async Task<ReadOnlyMemory<byte>?[]> RunAsync(
        NpgsqlDataSource dataSource,
        IReadOnlyList<RootFieldPlan> fields,
        JsonElement? variables,
        GraphQLSession? session,
        CancellationToken ct)
    {
        var results = new ReadOnlyMemory<byte>?[fields.Count];
        await using var connection = await TenantConnections.OpenAsync(dataSource, ct);
        var scope = session is { IsEmpty: false } ? session : null;
        var committed = false;
        try
        {
            for (var i = 0; i < fields.Count; i++)
            {
                var field = fields[i];
                var last = i == fields.Count - 1;
                try
                {
                    var changed = await RunOneAsync(connection, field.Statement!, variables, null, scope, begin: i == 0, commit: false, ct);
                    if (changed is null && field.MissingRowMessage is { } message)
                    {
                        throw new MutationFailedException(new GraphQLError(message, ErrorCodes.NotFound, Path: [field.ResponseKey]));
                    }

                    var json = changed;
                    if (field.PayloadStatement is { } payload)
                    {
                        json = await RunOneAsync(connection, payload, variables, changed, scope, begin: false, commit: last, ct);
                        committed = last;
                    }

                    results[i] = json is null ? null : Encoding.UTF8.GetBytes(json);
                }
                catch (Exception e) when (Failure(e, field.ResponseKey) is { } failure)
                {
                    throw failure;
                }
            }

            if (!committed)
            {
                await ExecuteAsync(connection, "COMMIT", ct);
            }

            return results;
        }
        catch when (!committed)
        {
            await RollbackQuietlyAsync(connection);
            throw;
        }
    }

    /// <summary>
    /// PostgreSQL's own errors carry their SQLSTATE as the code (P0001 for RAISE EXCEPTION, 23505 unique, 42501
    /// privileges and row-level security...) and only the primary message: never the SQL text or connection details.
    /// </summary>
    private static MutationFailedException? Failure(Exception e, string responseKey)
    {
        if (TenantDatabaseErrors.Classify(e) is not { } failure)
        {
            return null;
        }

        var code = failure.Postgres?.SqlState ?? failure.Code;
        return new MutationFailedException(new GraphQLError(failure.Message, code, Path: [responseKey]), GraphQLErrorJson.StatusOf(failure), e)
        {
            RetryAfterSeconds = failure.RetryAfterSeconds,
        };
    }

    private static async Task RollbackQuietlyAsync(NpgsqlConnection connection)
    {
        try
        {
            await ExecuteAsync(connection, "ROLLBACK", CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // A broken connection has no transaction left to roll back; the pool discards it.
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// With a session, nothing is prepared ahead (that would parse before the role is set); Npgsql's automatic
    /// preparation parses inside the round trip, and the role-scoped text keeps each parse to its role (see
    /// <see cref="StatementRunner"/>).
    /// </summary>
    private static async Task<string?> RunOneAsync(
        NpgsqlConnection connection, SqlStatement statement, JsonElement? variables, string? changedRows, GraphQLSession? session,
        bool begin, bool commit, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        if (begin)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        }

        if (session is not null && begin)
        {
            var (sql, parameters) = SessionSettingsSql.Build(session);
            var settings = new NpgsqlBatchCommand(sql);
            foreach (var p in parameters)
            {
                settings.Parameters.Add(p);
            }

            batch.BatchCommands.Add(settings);
        }

        var command = new NpgsqlBatchCommand(RoleScopedSql.Apply(statement.Text, session));
        foreach (var value in ParameterBinder.Bind(statement, variables, changedRows))
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value });
        }

        batch.BatchCommands.Add(command);
        if (commit)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        }

        if (session is null)
        {
            await batch.PrepareAsync(ct);
        }

        await using var reader = await batch.ExecuteReaderAsync(ct);
        // BEGIN and COMMIT return no rows, so the reader passes over them; the settings' row is skipped here.
        if (session is not null && begin)
        {
            await reader.NextResultAsync(ct);
        }

        var result = await reader.ReadAsync(ct) && !reader.IsDBNull(0) ? reader.GetString(0) : null;
        // The COMMIT's outcome (a deferred constraint, a serialization failure) is read before the answer is trusted.
        while (await reader.NextResultAsync(ct))
        {
        }

        return result;
    }
}
