using System.Text.Json;
using GraphQLParser.AST;
using Platform.DataPlane.Planning.Documents;
using Platform.DataPlane.Planning.Errors;
using Platform.DataPlane.Planning.Plans;
using Platform.DataPlane.Planning.Sql;

namespace Platform.DataPlane.Planning;

/// <summary>Turns one operation of a parsed document into one SQL statement per root field.</summary>
public sealed class OperationPlanner
{
    private readonly PlannerOptions options;

    public OperationPlanner(PlannerOptions options)
    {
        this.options = options;
    }

    public OperationPlan Plan(GraphQLDocument document, string? operationName, JsonElement? variables)
    {
        var operation = OperationSelector.Select(document, operationName);
        var roots = new List<RootFieldPlan>();
        foreach (var selection in operation.SelectionSet.Selections)
        {
            if (selection is not GraphQLField field)
            {
                throw new GraphQLRequestException(ErrorCodes.Unsupported, "Fragments at the root are not supported yet.");
            }

            var key = (field.Alias?.Name ?? field.Name).StringValue;
            if (field.Name.Value.Span.SequenceEqual("__typename"))
            {
                var sql = new SqlBuilder().Sql("select to_json(").Parameter(new ConstantParameter("Query"), SqlTypeName.PlainText).Sql(")");
                roots.Add(new RootFieldPlan(key, sql.Build(), false));
                continue;
            }

            var (line, column) = SourcePosition.Of(document, field);
            throw new GraphQLRequestException(ErrorCodes.ValidationFailed, $"Cannot query field \"{field.Name.StringValue}\" on type \"Query\".", line, column);
        }

        _ = options;
        _ = variables;
        return new OperationPlan(operation.Operation.ToString().ToLowerInvariant(), operationName, roots, new HashSet<string>());
    }
}
