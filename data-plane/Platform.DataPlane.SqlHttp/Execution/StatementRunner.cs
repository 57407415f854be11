using System.Data;
using Npgsql;
using Platform.Errors.Postgres;
using NpgsqlTypes;
using Platform.DataPlane.SqlHttp.Requests;
using Platform.DataPlane.SqlHttp.Results;

namespace Platform.DataPlane.SqlHttp.Execution;

/// <summary>
/// Runs a request on one pooled connection. A single query runs on its own (autocommit, so CREATE INDEX CONCURRENTLY
/// and VACUUM work); a batch runs inside BEGIN ... COMMIT and is rolled back on any failure, including the size cap.
/// Session state a statement leaves behind (SET, SET ROLE, temp tables, LISTEN, advisory locks) is cleared by Npgsql's
/// DISCARD ALL when the connection returns to the pool, which needs the data source's "No Reset On Close" to stay false.
/// </summary>
internal static class StatementRunner
{
    public static async Task RunAsync(NpgsqlDataSource dataSource, SqlHttpRequest request, ResponseBuffer output, ExecutionProgress progress, CancellationToken ct)
    {
        await using var connection = await TenantConnections.OpenAsync(dataSource, ct);
        if (!request.IsBatch)
        {
            await RunStatementAsync(connection, request.Statements[0], output, ct);
            return;
        }

        // BEGIN goes out with the first statement, not in a round trip of its own.
        var transaction = await connection.BeginTransactionAsync(ct);
        try
        {
            output.Json.WriteStartObject();
            output.Json.WritePropertyName("results"u8);
            output.Json.WriteStartArray();
            for (var i = 0; i < request.Statements.Count; i++)
            {
                progress.StatementIndex = i;
                await RunStatementAsync(connection, request.Statements[i], output, ct);
            }

            output.Json.WriteEndArray();
            output.Json.WriteEndObject();
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

    private static async Task RunStatementAsync(NpgsqlConnection connection, StatementRequest statement, ResponseBuffer output, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(statement.Query, connection)
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
            await ResultWriter.WriteAsync(reader, command, statement, output, ct);
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
