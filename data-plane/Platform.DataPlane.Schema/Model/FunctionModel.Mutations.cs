using Platform.DataPlane.Schema.Inflection;

namespace Platform.DataPlane.Schema.Model;

/// <summary>Names of a VOLATILE function exposed as a mutation, after PostGraphile v4's inflection.</summary>
public sealed partial class FunctionModel
{
    public string MutationInputTypeName => Inflector.PascalCase(FieldName) + "Input";

    public string MutationPayloadTypeName => Inflector.PascalCase(FieldName) + "Payload";

    /// <summary>
    /// The payload field holding the result: named after the row type (<c>event</c>, <c>events</c> for a set) or,
    /// for scalars, after the GraphQL type (<c>string</c>, <c>integers</c>), as PostGraphile does.
    /// </summary>
    public string MutationResultFieldName
    {
        get
        {
            var baseName = ReturnTable is { } table
                ? table.TypeName
                : ReturnType!.IsList ? ReturnType.Element!.GraphQLName : ReturnType.GraphQLName;
            // PostGraphile spells Int out as "integer"; other scalars keep their GraphQL name.
            var camel = baseName == "Int" ? "integer" : Inflector.CamelCase(baseName);
            return Returns is FunctionReturn.SetOfRows or FunctionReturn.SetOfScalars || ReturnType is { IsList: true } ? Inflector.Pluralize(camel) : camel;
        }
    }
}
