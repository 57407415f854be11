using GraphQLParser.AST;
using Platform.DataPlane.Planning.Plans;

namespace Platform.DataPlane.Execution.Caching;

/// <summary>A validated, planned operation; the parsed document is kept to coerce each request's variables.</summary>
public sealed record CachedOperation(GraphQLDocument Document, GraphQLOperationDefinition Operation, OperationPlan Plan)
{
    public bool HasVariables => Operation.Variables is { Count: > 0 };
}
