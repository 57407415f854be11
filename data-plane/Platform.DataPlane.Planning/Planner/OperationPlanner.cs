using System.Text.Json;
using GraphQLParser.AST;
using Platform.DataPlane.Planning.Documents;
using Platform.DataPlane.Planning.Errors;
using Platform.DataPlane.Planning.Plans;
using Platform.DataPlane.Planning.Sql;
using Platform.DataPlane.Schema.Building;
using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Planning.Planner;

/// <summary>
/// Turns one operation into one SQL statement per root field. Each statement returns a single json value that
/// PostgreSQL builds (json_build_object, json_agg, correlated subqueries), so nesting never adds round trips.
/// </summary>
public sealed partial class OperationPlanner
{
    private readonly SchemaModel model;
    private readonly PlannerOptions options;
    private readonly Dictionary<string, TableModel> connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (TableModel Table, LookupModel Lookup)> lookups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TableModel> nodeLookups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FunctionModel> functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FunctionModel> functionLists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TableModel> rowLists = new(StringComparer.Ordinal);

    /// <summary>Every node table's id prefix and number of keys: what <c>node(nodeId:)</c> can name.</summary>
    private readonly Dictionary<string, int> nodeTables = new(StringComparer.Ordinal);

    /// <summary>Per node prefix, a map of that table alone: what a typed lookup or a mutation by nodeId can name.</summary>
    private readonly Dictionary<TableModel, IReadOnlyDictionary<string, int>> singleNodeTables = new(ReferenceEqualityComparer.Instance);

    public OperationPlanner(SchemaModel model, PlannerOptions options)
    {
        this.model = model;
        this.options = options;
        foreach (var table in model.Tables)
        {
            if (!table.OmitAll && table.HasConnections)
            {
                connections[table.AllFieldName] = table;
            }

            if (!table.OmitAll && table.HasLists)
            {
                rowLists[table.AllListFieldName] = table;
            }

            foreach (var lookup in table.Lookups)
            {
                lookups[lookup.FieldName] = (table, lookup);
            }

            if (table.IsNode)
            {
                nodeLookups[NameCollisions.NodeFieldName(table)] = table;
            }

            if (table.PrimaryKey is { Count: > 0 } key)
            {
                nodeTables.TryAdd(table.NodeIdPrefix, model.TableByNodePrefix(table.NodeIdPrefix)!.PrimaryKey!.Count);
                singleNodeTables.Add(table, new Dictionary<string, int>(StringComparer.Ordinal) { [table.NodeIdPrefix] = key.Count });
            }
        }

        foreach (var function in model.QueryFunctions)
        {
            functions[function.FieldName] = function;
            if (function.HasList)
            {
                functionLists[function.ListFieldName] = function;
            }
        }

        IndexMutations();
    }

    public OperationPlan Plan(GraphQLDocument document, string? operationName, JsonElement? variables)
    {
        var operation = OperationSelector.Select(document, operationName);
        var context = new PlanContext(document, VariableDefaults.Apply(operation, variables));
        if (operation.Operation == OperationType.Mutation)
        {
            return PlanMutation(context, operation, operationName);
        }

        if (operation.Operation != OperationType.Query)
        {
            throw context.Error(ErrorCodes.ValidationFailed, $"This API has no {operation.Operation.ToString().ToLowerInvariant()} operations.", operation);
        }

        return PlanQuery(context, operation, operationName, "Query");
    }

    /// <summary>
    /// A live query: a subscription over the query fields (or a query marked @live), planned as the query it re-runs.
    /// </summary>
    public OperationPlan PlanLive(GraphQLDocument document, string? operationName, JsonElement? variables)
    {
        var operation = OperationSelector.Select(document, operationName);
        var context = new PlanContext(document, VariableDefaults.Apply(operation, variables));
        if (operation.Operation == OperationType.Mutation)
        {
            throw context.Error(ErrorCodes.ValidationFailed, "A mutation cannot be live.", operation);
        }

        return PlanQuery(context, operation, operationName, operation.Operation == OperationType.Subscription ? "Subscription" : "Query");
    }

    private OperationPlan PlanQuery(PlanContext context, GraphQLOperationDefinition operation, string? operationName, string rootType)
    {
        var roots = new List<RootFieldPlan>();
        foreach (var field in FieldCollector.Collect(context, [operation.SelectionSet], t => t == rootType))
        {
            if (field.Name is "__schema" or "__type")
            {
                roots.Add(new RootFieldPlan(field.ResponseKey, null, true));
                continue;
            }

            if (field.Name == "__typename")
            {
                // A constant: no round trip to PostgreSQL for it (a health check's favourite query).
                roots.Add(new RootFieldPlan(field.ResponseKey, null, false, ConstantJson: "\"" + rootType + "\""));
                continue;
            }

            var sql = new SqlBuilder();
            // to_json is the identity on json and turns bare scalars (function results) into JSON text.
            sql.Sql("select to_json(");
            QueryField(sql, context, field, 1);
            sql.Sql(")");
            roots.Add(new RootFieldPlan(field.ResponseKey, sql.Build(), false, JwtTokenPaths: context.TakeJwtTokenPaths()));
        }

        return new OperationPlan("query", operationName, roots, context.StructuralVariables, context.NodeIdVariables);
    }

    private void CheckDepth(PlanContext context, CollectedField field, int depth)
    {
        if (depth > options.MaxDepth)
        {
            throw context.Error(ErrorCodes.DepthLimitExceeded, $"The query nests deeper than the limit of {options.MaxDepth}.", field.Field);
        }
    }

    private static GraphQLRequestException UnknownField(PlanContext context, CollectedField field, string typeName) =>
        context.Error(ErrorCodes.ValidationFailed, $"Cannot query field \"{field.Name}\" on type \"{typeName}\".", field.Field);
}
