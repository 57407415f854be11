using Npgsql;
using Platform.DataPlane.Execution.Database;
using Platform.DataPlane.Execution.Http;
using Platform.DataPlane.Planning.Documents;
using Platform.DataPlane.Planning.Errors;
using Platform.DataPlane.Planning.Plans;

namespace Platform.DataPlane.Execution;

public sealed partial class GraphQLService
{
    public async Task<GraphQLHttpResponse> ExecuteAsync(NpgsqlDataSource dataSource, GraphQLHttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(request);
        var negotiated = MediaTypes.Negotiate(request.Accept);
        var mediaType = negotiated ?? MediaType.Json;
        try
        {
            if (negotiated is null)
            {
                throw new HttpFailureException(406, ErrorCodes.NotAcceptable, "Accept must allow application/graphql-response+json or application/json.");
            }

            var body = HttpRequestReader.Read(request);
            var plan = GetPlan(body);
            if (plan.OperationType != "query" && string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase))
            {
                throw new HttpFailureException(405, ErrorCodes.MethodNotAllowed, "Only queries may be sent with GET; use POST.");
            }

            var statements = plan.RootFields.Where(f => f.Statement is not null).Select(f => f.Statement!).ToList();
            var values = await StatementRunner.RunAsync(dataSource, statements, body.Variables, ct);
            var fields = new List<(string, ReadOnlyMemory<byte>?)>(plan.RootFields.Count);
            var next = 0;
            foreach (var root in plan.RootFields)
            {
                fields.Add((root.ResponseKey, root.Statement is null ? null : values[next++]));
            }

            return new GraphQLHttpResponse(200, MediaTypes.ContentTypeOf(mediaType), ResponseWriter.Data(fields));
        }
        catch (HttpFailureException e)
        {
            return new GraphQLHttpResponse(e.StatusCode, MediaTypes.ContentTypeOf(mediaType), ResponseWriter.Errors([new GraphQLError(e.Message, e.Code)]));
        }
        catch (GraphQLRequestException e)
        {
            // The legacy media type reports request errors with 200; the GraphQL media type with 400 (spec draft, section on status codes).
            var status = mediaType == MediaType.Json ? 200 : 400;
            return new GraphQLHttpResponse(status, MediaTypes.ContentTypeOf(mediaType), ResponseWriter.Errors(e.Errors));
        }
    }

    private OperationPlan GetPlan(GraphQLRequestBody body)
    {
        return planCache.GetOrAdd(body.Query, body.OperationName, body.Variables, () =>
        {
            var document = DocumentParser.Parse(body.Query, plannerOptions);
            return planner.Plan(document, body.OperationName, body.Variables);
        });
    }
}
