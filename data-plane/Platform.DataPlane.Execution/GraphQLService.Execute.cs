using GraphQLParser.AST;
using Npgsql;
using Platform.DataPlane.Execution.Caching;
using Platform.DataPlane.Execution.Database;
using Platform.DataPlane.Execution.Graph;
using Platform.DataPlane.Execution.Http;
using Platform.DataPlane.Planning.Documents;
using Platform.DataPlane.Planning.Errors;
using Platform.Errors.Postgres;
using GraphQLErrorJson = Platform.Errors.GraphQLErrorJson;

namespace Platform.DataPlane.Execution;

public sealed partial class GraphQLService
{
    /// <summary>
    /// Serves one GraphQL over HTTP request. Safe to call concurrently; opens at most one connection from
    /// <paramref name="dataSource"/> and sends every root field's statement in a single batch.
    /// </summary>
    public Task<GraphQLHttpResponse> ExecuteAsync(NpgsqlDataSource dataSource, GraphQLHttpRequest request, CancellationToken ct) =>
        ExecuteAsync(dataSource, request, null, ct);

    /// <summary>As above, running the statements as <paramref name="session"/>'s role with its settings (JWT claims).</summary>
    public async Task<GraphQLHttpResponse> ExecuteAsync(NpgsqlDataSource dataSource, GraphQLHttpRequest request, GraphQLSession? session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(request);
        var negotiated = MediaTypes.Negotiate(request.Accept);
        var mediaType = negotiated ?? MediaType.Json;
        var contentType = MediaTypes.ContentTypeOf(mediaType);
        try
        {
            if (negotiated is null)
            {
                throw new HttpFailureException(406, ErrorCodes.NotAcceptable, "Accept must allow application/graphql-response+json or application/json.");
            }

            var body = HttpRequestReader.Read(request);
            var isGet = string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase);
            var (cached, hit) = await planCache.GetOrAddAsync(body.Query, body.OperationName, body.Variables, () => PrepareAsync(body, isGet, ct));
            if (hit && cached.HasVariables)
            {
                // Cheap per-request variable check; the full GraphQL for .NET validation ran when the plan was made.
                VariableCoercion.Check(Schema, cached.Operation, body.Variables);
            }

            var plan = cached.Plan;
            var variables = VariableDefaults.Apply(cached.Operation, body.Variables);
            if (plan.OperationType == "mutation")
            {
                return await ExecuteMutationAsync(dataSource, plan, variables, session, contentType, ct);
            }

            var statements = plan.RootFields.Where(f => f.Statement is not null).Select(f => f.Statement!).ToList();
            var values = await StatementRunner.RunAsync(dataSource, statements, variables, session, ct);
            var introspected = plan.HasIntrospection ? await introspection.RunAsync(body.Query, body.OperationName, body.Variables, ct) : null;
            var fields = new List<(string, ReadOnlyMemory<byte>?)>(plan.RootFields.Count);
            var next = 0;
            foreach (var root in plan.RootFields)
            {
                if (root.IsIntrospection)
                {
                    fields.Add((root.ResponseKey, introspected!.TryGetValue(root.ResponseKey, out var v) ? v : null));
                }
                else if (root.ConstantJson is { } constant)
                {
                    fields.Add((root.ResponseKey, System.Text.Encoding.UTF8.GetBytes(constant)));
                }
                else
                {
                    fields.Add((root.ResponseKey, MintTokens(root, values[next++])));
                }
            }

            var size = fields.Sum(f => (long)(f.Item2?.Length ?? 0));
            if (size > options.MaxResponseBytes)
            {
                return new GraphQLHttpResponse(200, contentType, ResponseWriter.Errors(
                    [new GraphQLError($"The response would be larger than {options.MaxResponseBytes} bytes; select fewer rows or fields.", ErrorCodes.ResponseTooLarge)],
                    includeNullData: true), ErrorCodes.ResponseTooLarge);
            }

            return new GraphQLHttpResponse(200, contentType, ResponseWriter.Data(fields));
        }
        catch (HttpFailureException e)
        {
            return new GraphQLHttpResponse(e.StatusCode, contentType, ResponseWriter.Errors([new GraphQLError(e.Message, e.Code)]), e.Code);
        }
        catch (GraphQLRequestException e)
        {
            // The legacy media type reports request errors with 200; the GraphQL media type with 400 (spec draft, status codes).
            return new GraphQLHttpResponse(mediaType == MediaType.Json ? 200 : 400, contentType, ResponseWriter.Errors(e.Errors),
                e.Errors.Count > 0 ? e.Errors[0].Code : ErrorCodes.BadRequest);
        }
        catch (Exception e) when (TenantDatabaseErrors.Classify(e) is { } failure)
        {
            var rendered = GraphQLErrorJson.Render(failure, contentType);
            return new GraphQLHttpResponse(rendered.Status, contentType, rendered.Body, failure.Code, failure.RetryAfterSeconds);
        }
    }

    /// <summary>Parse, limit-check, validate and plan a document not seen before (under these structural variable values).</summary>
    private async Task<CachedOperation> PrepareAsync(GraphQLRequestBody body, bool isGet, CancellationToken ct)
    {
        var document = DocumentParser.Parse(body.Query, plannerOptions);
        var operation = OperationSelector.Select(document, body.OperationName);
        if (isGet && operation.Operation != OperationType.Query)
        {
            throw new HttpFailureException(405, ErrorCodes.MethodNotAllowed, "Only queries may be sent with GET; use POST.");
        }

        DocumentLimits.Check(document, operation, plannerOptions);
        await validation.ValidateAsync(document, operation, body.Variables, ct);
        var plan = planner.Plan(document, body.OperationName, body.Variables);
        return new CachedOperation(document, operation, plan);
    }
}
