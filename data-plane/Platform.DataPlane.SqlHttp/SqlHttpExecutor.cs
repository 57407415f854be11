using Npgsql;
using Platform.DataPlane.SqlHttp.Errors;
using Platform.DataPlane.SqlHttp.Execution;
using Platform.DataPlane.SqlHttp.Neon;
using Platform.DataPlane.SqlHttp.Requests;
using Platform.DataPlane.SqlHttp.Results;

namespace Platform.DataPlane.SqlHttp;

/// <summary>
/// SQL over HTTP: <c>{"query", "params"}</c> or <c>{"queries": [...]}</c> in, JSON out, in Neon's wire shape when the
/// request carries <c>Neon-*</c> headers (as <c>@neondatabase/serverless</c> always does) and the platform's typed JSON
/// otherwise. Every outcome is a <see cref="SqlHttpResponse"/>; only cancellation through <c>ct</c> surfaces as an exception.
/// </summary>
public static class SqlHttpExecutor
{
    private static readonly byte[] EmptyBatch = """{"results":[]}"""u8.ToArray();

    /// <param name="dataSource">The project's pool; the request uses one connection from it.</param>
    /// <param name="body">The raw HTTP request body.</param>
    /// <param name="options">Per-project limits.</param>
    /// <param name="ct">Cancels the request (client gone, silo stopping); the statement is cancelled server-side too.</param>
    public static Task<SqlHttpResponse> ExecuteAsync(NpgsqlDataSource dataSource, ReadOnlyMemory<byte> body, SqlHttpOptions options, CancellationToken ct) =>
        ExecuteAsync(dataSource, body, options, SqlHttpContext.Default, ct);

    /// <param name="dataSource">The project's pool; the request uses one connection from it.</param>
    /// <param name="body">The raw HTTP request body.</param>
    /// <param name="options">Per-project limits.</param>
    /// <param name="context">The request's Neon headers and the session (role, claims) it runs under.</param>
    /// <param name="ct">Cancels the request (client gone, silo stopping); the statement is cancelled server-side too.</param>
    public static async Task<SqlHttpResponse> ExecuteAsync(NpgsqlDataSource dataSource, ReadOnlyMemory<byte> body, SqlHttpOptions options, SqlHttpContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var progress = new ExecutionProgress();
        var neon = NeonHeaders.None;
        try
        {
            neon = ReadHeaders(context);
            var request = RequestParser.Parse(body, options, neon.ArrayRows, context.EndUser);
            if (request.Statements.Count == 0)
            {
                return new SqlHttpResponse(200, (byte[])EmptyBatch.Clone());
            }

            using var output = new ResponseBuffer(options.MaxResponseBytes);
            await StatementRunner.RunAsync(dataSource, request, neon, context.Session, output, progress, ct);
            return new SqlHttpResponse(200, output.ToArray());
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var error = ErrorClassifier.Classify(e, progress, dataSource, options, neon.NeonShape);
            return new SqlHttpResponse(error.Status, error.Body, error.RetryAfterSeconds, error.Code);
        }
    }

    private static NeonHeaders ReadHeaders(SqlHttpContext context)
    {
        try
        {
            return context.ReadHeaders();
        }
        catch (FormatException e)
        {
            throw new BadRequestException(e.Message, e);
        }
    }
}
