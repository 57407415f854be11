using System.Text.Json;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQLParser.AST;
using Platform.DataPlane.Planning;
using Platform.DataPlane.Planning.Documents;

namespace Platform.DataPlane.Execution.Graph;

/// <summary>
/// Answers <c>__schema</c> and <c>__type</c> with GraphQL for .NET's introspection over the built schema. Data fields
/// are removed from a private copy of the document first, so they are never resolved here.
/// </summary>
internal sealed class IntrospectionRunner(ISchema schema, PlannerOptions options)
{
    private const int MaxCached = 256;
    private static readonly DocumentExecuter Executer = new();
    private static readonly GraphQLSerializer Serializer = new();

    // The schema never changes for this instance, so answers depend only on the request: GraphiQL asks the same every load.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<string, byte[]>> answers = new(StringComparer.Ordinal);

    /// <summary>Returns the <c>data</c> object's members by response key.</summary>
    public async Task<Dictionary<string, byte[]>> RunAsync(string query, string? operationName, JsonElement? variables, CancellationToken ct)
    {
        var key = query + "\u0001" + operationName + "\u0001" + variables?.GetRawText();
        if (answers.TryGetValue(key, out var known))
        {
            return known;
        }

        var values = await ExecuteAsync(query, operationName, variables, ct);
        if (answers.Count >= MaxCached)
        {
            answers.Clear();
        }

        answers[key] = values;
        return values;
    }

    private async Task<Dictionary<string, byte[]>> ExecuteAsync(string query, string? operationName, JsonElement? variables, CancellationToken ct)
    {
        var document = DocumentParser.Parse(query, options);
        var operation = OperationSelector.Select(document, operationName);
        operation.SelectionSet.Selections = operation.SelectionSet.Selections
            .Where(s => s is not GraphQLField f || f.Name.Value.Span.StartsWith("__"))
            .ToList();
        var result = await Executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Document = document,
            OperationName = operationName,
            Variables = variables is { } v ? Serializer.ReadNode<Inputs>(v) ?? Inputs.Empty : Inputs.Empty,
            CancellationToken = ct,
            ThrowOnUnhandledException = true,
        });
        var bytes = Serializer.Serialize(result);
        using var json = JsonDocument.Parse(bytes);
        var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (json.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in data.EnumerateObject())
            {
                values[p.Name] = JsonSerializer.SerializeToUtf8Bytes(p.Value);
            }
        }

        return values;
    }
}
