using System.Data;
using Npgsql;
using Platform.Errors.Postgres;
using NpgsqlTypes;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Execution.Database;
using Platform.DataPlane.SqlHttp.Neon;
using Platform.DataPlane.SqlHttp.Requests;
using Platform.DataPlane.SqlHttp.Results;

namespace Platform.DataPlane.SqlHttp.Execution;

/// <summary>
/// Runs a request on one pooled connection. A single query runs on its own (autocommit, so CREATE INDEX CONCURRENTLY
/// and VACUUM work) unless it carries a session (a role or end-user claims, which are transaction-local); a batch, and
/// a query with a session, run inside BEGIN ... COMMIT and are rolled back on any failure, including the size cap.
/// Session state a statement leaves behind (SET, SET ROLE, temp tables, LISTEN, advisory locks, PREPARE) is cleared
/// before the next request sees the connection: every prepared statement is dropped through Npgsql (so its own record of
/// them stays true), after which Npgsql resets the returning connection with DISCARD ALL, which needs the data source's
/// "No Reset On Close" to stay false (decision 0050).
/// </summary>
internal static class StatementRunner
{
    public static async Task RunAsync(
        NpgsqlDataSource dataSource, SqlHttpRequest request, NeonHeaders neon, GraphQLSession? session, ResponseBuffer output, ExecutionProgress progress, CancellationToken ct)
    {
        await using var connection = await TenantConnections.OpenAsync(dataSource, ct);
        try
        {
            await RunOnAsync(connection, request, neon, session, output, progress, ct);
        }
        finally
        {
            // The client's SQL may have run PREPARE (also inside DO blocks), and a name such as _auto0 would stand in
            // for a statement the engine prepared on this connection. With nothing prepared left, the pool's reset is
            // DISCARD ALL; the engine prepares its statements again when it next uses the connection.
            Quietly(connection.UnprepareAll);
        }
    }

    private static async Task RunOnAsync(
        NpgsqlConnection connection, SqlHttpRequest request, NeonHeaders neon, GraphQLSession? session, ResponseBuffer output, ExecutionProgress progress, CancellationToken ct)
    {
        var hasSession = session is { IsEmpty: false };
        if (!request.IsBatch && !hasSession)
        {
            await RunStatementAsync(connection, request.Statements[0], neon, null, output, progress, ct);
            return;
        }

        // BEGIN goes out with the first command, not in a round trip of its own. The driver's transaction options apply
        // to batches only, as on Neon.
        var transaction = await connection.BeginTransactionAsync(request.IsBatch ? neon.Isolation ?? IsolationLevel.Unspecified : IsolationLevel.Unspecified, ct);
        try
        {
            // Role and claims are in force before PostgreSQL parses the client's first statement, as for GraphQL.
            await RunPreambleAsync(connection, request.IsBatch ? neon : NeonHeaders.None, hasSession ? session : null, ct);
            if (request.IsBatch)
            {
                output.Json.WriteStartObject();
                output.Json.WritePropertyName("results"u8);
                output.Json.WriteStartArray();
            }

            for (var i = 0; i < request.Statements.Count; i++)
            {
                progress.StatementIndex = request.IsBatch ? i : null;
                await RunStatementAsync(connection, request.Statements[i], neon, hasSession ? session : null, output, progress, ct);
            }

            if (request.IsBatch)
            {
                output.Json.WriteEndArray();
                output.Json.WriteEndObject();
            }

            output.EnsureWithinLimit();
            progress.StatementIndex = null;
            await transaction.CommitAsync(ct);
        }
        catch (Exception)
        {
            await QuietlyAsync(() => transaction.RollbackAsync(CancellationToken.None));
            throw;
        }
        finally
        {
            await QuietlyAsync(() => transaction.DisposeAsync().AsTask());
        }
    }

    /// <summary>
    /// SET TRANSACTION for read-only and deferrable, and the session's role and settings (the same statement GraphQL
    /// runs), in one round trip that also carries the BEGIN; nothing is sent when neither applies.
    /// </summary>
    private static async Task RunPreambleAsync(NpgsqlConnection connection, NeonHeaders neon, GraphQLSession? session, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        if (TransactionModes.SetTransaction(neon) is { } setTransaction)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(setTransaction));
        }

        if (session is not null)
        {
            var (sql, parameters) = SessionSettingsSql.Build(session);
            var settings = new NpgsqlBatchCommand(sql);
            foreach (var parameter in parameters)
            {
                settings.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(settings);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// With a session, the text carries its role (<see cref="RoleScopedSql"/>, as GraphQL's statements do): the tenant data
    /// source prepares repeated texts automatically, and a statement parsed under one role (schema USAGE is checked at
    /// parse) must never be reused under another.
    /// </summary>
    private static async Task RunStatementAsync(
        NpgsqlConnection connection, StatementRequest statement, NeonHeaders neon, GraphQLSession? session, ResponseBuffer output, ExecutionProgress progress, CancellationToken ct)
    {
        var text = RoleScopedSql.Apply(statement.Query, session);
        progress.PositionOffset = text.Length - statement.Query.Length;
        await using var command = new NpgsqlCommand(text, connection)
        {
            // Text results: every type arrives as PostgreSQL prints it, so numeric keeps all digits and timestamps
            // keep the session's own rendering, and the JSON mapping works on bytes without typed decoding.
            AllResultTypesAreUnknown = true,
        };
        foreach (var value in statement.Parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Unknown, Value = (object?)value ?? DBNull.Value });
        }

        var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        try
        {
            await ResultWriter.WriteAsync(reader, command, statement, neon, output, ct);
        }
        catch (ResponseTooLargeException)
        {
            // Without a cancel, closing the reader would pull every remaining row over the network first.
            await QuietlyAsync(() => Task.Run(command.Cancel, CancellationToken.None));
            await QuietlyAsync(() => reader.DisposeAsync().AsTask());
            throw;
        }
        catch (Exception)
        {
            await QuietlyAsync(() => reader.DisposeAsync().AsTask());
            throw;
        }

        await reader.DisposeAsync();
    }

    private static void Quietly(Action cleanup)
    {
        try
        {
            cleanup();
        }
        catch (Exception)
        {
            // A connection that cannot take the command is broken, and the pool discards it.
        }
    }

    /// <summary>Cleanup after a failure must not replace the failure being reported.</summary>
    private static async Task QuietlyAsync(Func<Task> cleanup)
    {
        try
        {
            await cleanup();
        }
        catch (Exception)
        {
            // The original failure is the one the client needs; a broken connection is discarded by the pool.
        }
    }
}
