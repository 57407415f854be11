using System.Text;
using System.Text.Json;
using GraphQLParser.AST;
using Npgsql;
using Platform.DataPlane.Execution.Database;
using Platform.DataPlane.Execution.Http;
using Platform.DataPlane.Execution.Live;
using Platform.DataPlane.Planning.Binding;
using Platform.DataPlane.Planning.Documents;
using Platform.DataPlane.Planning.Errors;
using Platform.DataPlane.Planning.Live;

namespace Platform.DataPlane.Execution;

public sealed partial class GraphQLService
{
    /// <summary>
    /// Checks and plans a graphql-transport-ws subscribe payload (<c>{query, variables, operationName}</c>): queries
    /// and mutations are <see cref="OperationKind.Single"/> (run them with <see cref="ExecuteAsync(NpgsqlDataSource, GraphQLHttpRequest, GraphQLSession?, CancellationToken)"/>);
    /// subscriptions and queries marked @live are planned here, so a bad one is refused once, not on every interval.
    /// </summary>
    public async Task<PreparedOperation> PrepareOperationAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        try
        {
            var body = HttpRequestReader.Read(new GraphQLHttpRequest("POST", "application/json", null, payload, null));
            var document = DocumentParser.Parse(body.Query, plannerOptions);
            var operation = OperationSelector.Select(document, body.OperationName);
            var isLive = operation.Operation == OperationType.Query
                && operation.Directives?.Items.Any(d => d.Name.StringValue == "live") == true;
            if (operation.Operation != OperationType.Subscription && !isLive)
            {
                return PreparedOperation.Single;
            }

            DocumentLimits.Check(document, operation, plannerOptions);
            await validation.ValidateAsync(document, operation, body.Variables, ct);
            var variables = VariableDefaults.Apply(operation, body.Variables);
            if (operation.Operation == OperationType.Subscription
                && operation.SelectionSet.Selections is [GraphQLField { Name.StringValue: "listen" } listen])
            {
                var query = ListenQueryBuilder.Build(document, listen, variables);
                if (query.NodeQuery is { } nodeQuery)
                {
                    // Checked now so a bad selection is refused at subscribe rather than on the first notification.
                    var nodeDocument = DocumentParser.Parse(nodeQuery, plannerOptions);
                    // The node id is only known per notification: any string satisfies the ID! variable here.
                    using var placeholder = JsonDocument.Parse($"{{\"{ListenQueryBuilder.NodeIdVariable}\":\"\"}}");
                    await validation.ValidateAsync(nodeDocument, OperationSelector.Select(nodeDocument, null), placeholder.RootElement, ct);
                }

                return new PreparedOperation(OperationKind.Listen, Listen: query);
            }

            var plan = planner.PlanLive(document, body.OperationName, body.Variables);
            if (plan.HasIntrospection)
            {
                throw new GraphQLRequestException(ErrorCodes.ValidationFailed, "A live query cannot select __schema or __type.");
            }

            var statements = plan.RootFields.Where(f => f.Statement is not null).Select(f => f.Statement!).ToList();
            foreach (var statement in statements)
            {
                // Binding now refuses a bad cursor or value at subscribe, not on every interval.
                ParameterBinder.Bind(statement, variables);
            }

            return new PreparedOperation(OperationKind.Live, Live: new LiveQuery(plan, statements, variables, DocumentKey(body, operation, plan, variables)));
        }
        catch (GraphQLRequestException e)
        {
            return new PreparedOperation(OperationKind.Failed, Errors: ErrorsArray(e.Errors));
        }
        catch (HttpFailureException e)
        {
            return new PreparedOperation(OperationKind.Failed, Errors: ErrorsArray([new GraphQLError(e.Message, e.Code)]));
        }
    }

    /// <summary>
    /// One interval of a live query group: every subscriber's variables in ONE statement (<see cref="MultiplexedQuery"/>),
    /// run as the group's session. Returns each subscriber's execution result (<c>{"data":...}</c>) in order.
    /// </summary>
    public async Task<byte[][]> RunLiveAsync(NpgsqlDataSource dataSource, LiveQuery query, IReadOnlyList<JsonElement?> variableSets, GraphQLSession? session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(variableSets);
        string?[][]? rows = null;
        if (query.Statements.Count > 0)
        {
            var statement = MultiplexedQuery.Build(query.Statements, variableSets);
            rows = await LiveQueryRunner.RunAsync(dataSource, statement, session, ct);
        }

        var results = new byte[variableSets.Count][];
        for (var set = 0; set < results.Length; set++)
        {
            var fields = new List<(string, ReadOnlyMemory<byte>?)>(query.Plan.RootFields.Count);
            var next = 0;
            foreach (var root in query.Plan.RootFields)
            {
                if (root.ConstantJson is { } constant)
                {
                    fields.Add((root.ResponseKey, Encoding.UTF8.GetBytes(constant)));
                }
                else
                {
                    var text = rows![set][next++];
                    fields.Add((root.ResponseKey, MintTokens(root, text is null ? null : Encoding.UTF8.GetBytes(text))));
                }
            }

            results[set] = fields.Sum(f => (long)(f.Item2?.Length ?? 0)) > options.MaxResponseBytes
                ? ResponseWriter.Errors([new GraphQLError($"The response would be larger than {options.MaxResponseBytes} bytes; select fewer rows or fields.", ErrorCodes.ResponseTooLarge)], includeNullData: true)
                : ResponseWriter.Data(fields);
        }

        return results;
    }

    /// <summary>One listen event for one subscriber: the related node read under the subscriber's own session.</summary>
    public async Task<byte[]> RunListenAsync(NpgsqlDataSource dataSource, ListenQuery query, string? relatedNodeId, GraphQLSession? session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        JsonDocument? nodes = null;
        var roots = new Dictionary<string, JsonDocument>(StringComparer.Ordinal);
        try
        {
            if (query.NodeQuery is { } nodeQuery && relatedNodeId is not null)
            {
                nodes = await ListenReadAsync(dataSource, nodeQuery, new Dictionary<string, string> { [ListenQueryBuilder.NodeIdVariable] = relatedNodeId }, session, ct);
            }

            foreach (var (key, text) in query.RootQueries ?? [])
            {
                roots[key] = await ListenReadAsync(dataSource, text, null, session, ct);
            }

            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteStartObject("data");
                w.WriteStartObject(query.ResponseKey);
                foreach (var (key, name) in query.Fields)
                {
                    switch (name)
                    {
                        case "__typename":
                            w.WriteString(key, "ListenPayload");
                            break;
                        case "relatedNodeId":
                            w.WriteString(key, relatedNodeId);
                            break;
                        case "query":
                            w.WritePropertyName(key);
                            if (roots.TryGetValue(key, out var root) && root.RootElement.TryGetProperty("data", out var rootData) && rootData.ValueKind == JsonValueKind.Object)
                            {
                                rootData.WriteTo(w);
                            }
                            else
                            {
                                w.WriteNullValue();
                            }

                            break;
                        default:
                            w.WritePropertyName(key);
                            if (nodes is not null && nodes.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                                && data.TryGetProperty(key, out var node))
                            {
                                node.WriteTo(w);
                            }
                            else
                            {
                                w.WriteNullValue();
                            }

                            break;
                    }
                }

                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            }

            return buffer.ToArray();
        }
        finally
        {
            nodes?.Dispose();
            foreach (var root in roots.Values)
            {
                root.Dispose();
            }
        }
    }

    /// <summary>One of a listen event's reads, as an ordinary query under the subscriber's session.</summary>
    private async Task<JsonDocument> ListenReadAsync(NpgsqlDataSource dataSource, string text, Dictionary<string, string>? variables, GraphQLSession? session, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?> { ["query"] = text, ["variables"] = variables });
        var response = await ExecuteAsync(dataSource, new GraphQLHttpRequest("POST", "application/json", "application/json", body, null), session, ct);
        return JsonDocument.Parse(response.Body);
    }

    /// <summary>A GraphQL errors array, the payload of a graphql-transport-ws error message.</summary>
    public static byte[] ErrorsArray(IReadOnlyList<GraphQLError> errors)
    {
        using var document = JsonDocument.Parse(ResponseWriter.Errors(errors));
        return Encoding.UTF8.GetBytes(document.RootElement.GetProperty("errors").GetRawText());
    }

    /// <summary>Subscribers share one statement only when their plans are the same: structural values, node id tables and null patterns.</summary>
    private static string DocumentKey(GraphQLRequestBody body, GraphQLOperationDefinition operation, Planning.Plans.OperationPlan plan, JsonElement? variables) =>
        new StringBuilder(body.Query.Length + 64).Append(body.Query).Append('\0').Append(body.OperationName).Append('\0')
            .Append(plan.ShapeKey(variables)).Append('\0').Append(Caching.PlanCache.NullPatterns(operation, variables)).ToString();
}
