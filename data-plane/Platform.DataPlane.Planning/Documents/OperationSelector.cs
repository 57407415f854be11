using GraphQLParser.AST;
using Platform.DataPlane.Planning.Errors;

namespace Platform.DataPlane.Planning.Documents;

/// <summary>Picks the operation to run from a document that may hold several, as the GraphQL spec's GetOperation does.</summary>
public static class OperationSelector
{
    public static GraphQLOperationDefinition Select(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        if (operations.Count == 0)
        {
            throw new GraphQLRequestException(ErrorCodes.ValidationFailed, "The document contains no operation.");
        }

        if (string.IsNullOrEmpty(operationName))
        {
            return operations.Count == 1
                ? operations[0]
                : throw new GraphQLRequestException(ErrorCodes.OperationNotFound, "The document contains several operations; operationName is required.");
        }

        return operations.FirstOrDefault(o => o.Name is not null && o.Name.Value == operationName)
            ?? throw new GraphQLRequestException(ErrorCodes.OperationNotFound, $"Unknown operation named \"{operationName}\".");
    }
}
