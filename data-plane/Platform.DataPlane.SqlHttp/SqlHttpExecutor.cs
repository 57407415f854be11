using Npgsql;
using Platform.DataPlane.SqlHttp.Errors;
using Platform.DataPlane.SqlHttp.Execution;
using Platform.DataPlane.SqlHttp.Requests;
using Platform.DataPlane.SqlHttp.Results;

namespace Platform.DataPlane.SqlHttp;

/// <summary>
/// SQL over HTTP in Neon's shape: <c>{"query", "params"}</c> or <c>{"queries": [...]}</c> in, JSON out.
/// Every outcome is a <see cref="SqlHttpResponse"/>; only cancellation through <c>ct</c> surfaces as an exception.
/// </summary>
public static class SqlHttpExecutor
{
    private static readonly byte[] EmptyBatch = """{"results":[]}"""u8.ToArray();

    /// <param name="dataSource">The project's pool; the request uses one connection from it.</param>
    /// <param name="body">The raw HTTP request body.</param>
    /// <param name="options">Per-project limits.</param>
    /// <param name="ct">Cancels the request (client gone, silo stopping); the statement is cancelled server-side too.</param>
    public static async Task<SqlHttpResponse> ExecuteAsync(NpgsqlDataSource dataSource, ReadOnlyMemory<byte> body, SqlHttpOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        var progress = new ExecutionProgress();
        try
        {
            var request = RequestParser.Parse(body, options);
            if (request.Statements.Count == 0)
            {
                return new SqlHttpResponse(200, (byte[])EmptyBatch.Clone());
            }

            using var output = new ResponseBuffer(options.MaxResponseBytes);
            await StatementRunner.RunAsync(dataSource, request, output, progress, ct);
            return new SqlHttpResponse(200, output.ToArray());
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var error = ErrorClassifier.Classify(e, progress, dataSource, options);
            return new SqlHttpResponse(error.Status, error.Body, error.RetryAfterSeconds, error.Code);
        }
    }
}
