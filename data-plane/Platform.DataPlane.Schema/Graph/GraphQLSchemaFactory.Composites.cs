using GraphQL.Types;
using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Schema.Graph;

public sealed partial class GraphQLSchemaFactory
{
    /// <summary>
    /// Every composite's object and input type. Shells first, fields second: composites nest, and a field needs its
    /// type registered whatever order the model lists them in.
    /// </summary>
    private void AddComposites()
    {
        foreach (var composite in model.Composites)
        {
            named[composite.GraphQLName] = new ObjectGraphType { Name = composite.GraphQLName, Description = composite.Description };
            named[composite.InputTypeName] = new InputObjectGraphType { Name = composite.InputTypeName, Description = $"An input for mutations affecting `{composite.GraphQLName}`" };
        }

        foreach (var composite in model.Composites)
        {
            var output = (ObjectGraphType)named[composite.GraphQLName];
            var input = (InputObjectGraphType)named[composite.InputTypeName];
            foreach (var attribute in composite.Attributes)
            {
                output.AddField(new FieldType { Name = attribute.FieldName, Description = attribute.Description, ResolvedType = OutputType(attribute.Type, false) });
                if (InputType(attribute.Type) is { } type)
                {
                    input.AddField(new FieldType { Name = attribute.FieldName, Description = attribute.Description, ResolvedType = type });
                }
            }

            if (input.Fields.Count == 0)
            {
                // An input object needs a field; this composite then has no input form (see InputType).
                named.Remove(composite.InputTypeName);
            }
        }

        // A function's record type is output only, as in v4 (a function cannot take an anonymous record).
        foreach (var record in model.Records)
        {
            var output = new ObjectGraphType { Name = record.GraphQLName, Description = record.Description };
            foreach (var attribute in record.Attributes)
            {
                output.AddField(new FieldType { Name = attribute.FieldName, ResolvedType = OutputType(attribute.Type, false) });
            }

            named[record.GraphQLName] = output;
        }
    }
}
