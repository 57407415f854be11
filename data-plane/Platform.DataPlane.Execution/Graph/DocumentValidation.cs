using System.Text.Json;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using Platform.DataPlane.Planning.Errors;

namespace Platform.DataPlane.Execution.Graph;

/// <summary>
/// GraphQL for .NET's validation against the built schema, run once per planned document (all rules and the
/// variables of that first request); later requests only go through <see cref="VariableCoercion"/>.
/// </summary>
internal sealed class DocumentValidation(ISchema schema)
{
    private static readonly DocumentValidator Validator = new();
    private static readonly GraphQLSerializer Serializer = new();

    public async Task ValidateAsync(GraphQLDocument document, GraphQLOperationDefinition operation, JsonElement? variables, CancellationToken ct)
    {
        var inputs = variables is { } v ? Serializer.ReadNode<Inputs>(v) ?? Inputs.Empty : Inputs.Empty;
        var result = await Validator.ValidateAsync(new ValidationOptions
        {
            Schema = schema,
            Document = document,
            Operation = operation,
            Variables = inputs,
            Rules = DocumentValidator.CoreRules,
            CancellationToken = ct,
        });
        if (result.IsValid)
        {
            return;
        }

        var errors = new List<GraphQLError>();
        foreach (var e in result.Errors)
        {
            var location = e.Locations?.FirstOrDefault();
            errors.Add(new GraphQLError(e.Message, ErrorCodes.ValidationFailed, location?.Line, location?.Column));
        }

        throw new GraphQLRequestException(errors);
    }
}
