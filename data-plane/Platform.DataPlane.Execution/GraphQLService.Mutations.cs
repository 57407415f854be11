using System.Text.Json;
using Npgsql;
using Platform.DataPlane.Execution.Database;
using Platform.DataPlane.Execution.Http;
using Platform.DataPlane.Planning.Plans;

namespace Platform.DataPlane.Execution;

public sealed partial class GraphQLService
{
    /// <summary>
    /// Mutation root fields run serially in one transaction. When one fails, everything is rolled back and the response
    /// has the error (with the failing field's path) and <c>data</c> with every root field null: nothing was persisted,
    /// so no field may report a result.
    /// </summary>
    private async Task<GraphQLHttpResponse> ExecuteMutationAsync(
        NpgsqlDataSource dataSource, OperationPlan plan, JsonElement? variables, GraphQLSession? session, string contentType, CancellationToken ct)
    {
        try
        {
            var values = await MutationRunner.RunAsync(dataSource, plan.RootFields, variables, session, ct);
            var fields = plan.RootFields.Select((f, i) => (f.ResponseKey, MintTokens(f, values[i]))).ToList();
            var size = fields.Sum(f => (long)(f.Item2?.Length ?? 0));
            if (size > options.MaxResponseBytes)
            {
                // The changes are committed; only the answer is refused.
                return new GraphQLHttpResponse(200, contentType, ResponseWriter.Errors(
                    [new Planning.Errors.GraphQLError($"The response would be larger than {options.MaxResponseBytes} bytes; select fewer fields.", Planning.Errors.ErrorCodes.ResponseTooLarge)],
                    includeNullData: true), Planning.Errors.ErrorCodes.ResponseTooLarge);
            }

            return new GraphQLHttpResponse(200, contentType, ResponseWriter.Data(fields));
        }
        catch (MutationFailedException e)
        {
            if (e.StatusCode != 200)
            {
                return new GraphQLHttpResponse(e.StatusCode, contentType, ResponseWriter.Errors([e.Error]), e.Error.Code, e.RetryAfterSeconds);
            }

            var nulls = plan.RootFields.Select(f => (f.ResponseKey, (ReadOnlyMemory<byte>?)null)).ToList();
            return new GraphQLHttpResponse(200, contentType, ResponseWriter.DataWithErrors(nulls, [e.Error]), e.Error.Code);
        }
    }
}
