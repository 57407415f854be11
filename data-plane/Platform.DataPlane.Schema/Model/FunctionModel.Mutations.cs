using Platform.DataPlane.Schema.Inflection;

namespace Platform.DataPlane.Schema.Model;

/// <summary>Names of a VOLATILE function exposed as a mutation, after PostGraphile v4's inflection.</summary>
public sealed partial class FunctionModel
{
    public string MutationInputTypeName => Inflector.PascalCase(FieldName) + "Input";

    public string MutationPayloadTypeName => Inflector.PascalCase(FieldName) + "Payload";

    /// <summary>
    /// The payload field holding the result: named after the row type (<c>event</c>, <c>events</c> for a set), after a
    /// single named OUT argument, <c>result</c> for a function's record type or, for scalars, after the GraphQL type
    /// (<c>string</c>, <c>integers</c>), as PostGraphile does; <c>@resultFieldName</c> overrides it.
    /// </summary>
    public string MutationResultFieldName
    {
        get
        {
            if (Building.SmartComment.Parse(Function.Comment).Tags.TryGetValue("resultFieldName", out var tagged) && tagged.Length > 0)
            {
                return tagged;
            }

            var outputs = Function.OutputArguments();
            var baseName = ReturnTable is { } table
                ? table.TypeName
                : ReturnType!.IsList ? ReturnType.Element!.GraphQLName : ReturnType.GraphQLName;
            // PostGraphile spells Int out as "integer"; other scalars keep their GraphQL name.
            var camel = outputs.Count == 1 && outputs[0].Name.Length > 0 ? Inflector.CamelCase(outputs[0].Name)
                : ReturnType?.Composite is { IsFunctionRecord: true } ? "result"
                : baseName == "Int" ? "integer" : Inflector.CamelCase(baseName);
            return Returns is FunctionReturn.SetOfRows or FunctionReturn.SetOfScalars || ReturnType is { IsList: true } ? Inflector.Pluralize(camel) : camel;
        }
    }
}
