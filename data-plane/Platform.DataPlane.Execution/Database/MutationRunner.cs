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
/// the changes of those before it, and each field's payload statement runs after its change (see <see cref="RootFieldPlan"/>). The first failure rolls everything back, so a request commits as a whole or not at all.
/// </summary>
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
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var scope = session is { IsEmpty: false } ? session : null;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            string? changed;
            try
            {
                // The settings travel with the first statement: Npgsql sends BEGIN, them and it in one round trip.
                changed = await RunOneAsync(connection, field.Statement!, variables, null, scope, settingsFirst: i == 0, ct);
                if (changed is null && field.MissingRowMessage is { } message)
                {
                    await RollbackQuietlyAsync(transaction);
                    throw new MutationFailedException(new GraphQLError(message, ErrorCodes.NotFound, Path: [field.ResponseKey]));
                }

                var json = field.PayloadStatement is { } payload ? await RunOneAsync(connection, payload, variables, changed, scope, settingsFirst: false, ct) : changed;
                results[i] = json is null ? null : Encoding.UTF8.GetBytes(json);
            }
            catch (Exception e) when (Failure(e, field.ResponseKey) is { } failure)
            {
                await RollbackQuietlyAsync(transaction);
                throw failure;
            }
        }

        await transaction.CommitAsync(ct);
        return results;
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

    private static async Task RollbackQuietlyAsync(NpgsqlTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // A broken connection has no transaction left to roll back; the pool discards it.
        }
    }

    /// <summary>
    /// With a session, nothing is prepared ahead (that would parse before the role is set); Npgsql's automatic
    /// preparation parses inside the round trip, and the role-scoped text keeps each parse to its role (see
    /// <see cref="StatementRunner"/>).
    /// </summary>
    private static async Task<string?> RunOneAsync(
        NpgsqlConnection connection, SqlStatement statement, JsonElement? variables, string? changedRows, GraphQLSession? session, bool settingsFirst, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        if (session is not null && settingsFirst)
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
        if (session is null)
        {
            await batch.PrepareAsync(ct);
        }

        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (session is not null && settingsFirst)
        {
            await reader.NextResultAsync(ct);
        }

        return await reader.ReadAsync(ct) && !reader.IsDBNull(0) ? reader.GetString(0) : null;
    }
}
