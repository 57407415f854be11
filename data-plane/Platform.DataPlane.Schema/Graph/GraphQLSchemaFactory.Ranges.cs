using GraphQL.Types;
using ValueType = Platform.DataPlane.Schema.Model.ValueType;

namespace Platform.DataPlane.Schema.Graph;

public sealed partial class GraphQLSchemaFactory
{
    /// <summary>
    /// A range's four types as v4 names and describes them (<c>IntRange</c>, <c>IntRangeBound</c> and their inputs),
    /// added when a column or argument first uses the range; ranges over the same subtype share them.
    /// </summary>
    private void AddRangeTypes(ValueType range)
    {
        var name = range.GraphQLName;
        if (named.ContainsKey(name))
        {
            return;
        }

        var subtype = range.Element!;
        var subOutput = OutputType(subtype, nonNull: true);
        var subInput = InputType(subtype) is { } input ? new NonNullGraphType(input) : subOutput;
        const string boundDescription = "The value at one end of a range. A range can either include this value, or not.";
        var rangeDescription = $"A range of `{subtype.GraphQLName}`.";

        var bound = new ObjectGraphType { Name = name + "Bound", Description = boundDescription };
        var boundInput = new InputObjectGraphType { Name = name + "BoundInput", Description = boundDescription };
        foreach (var (fields, value) in new (IComplexGraphType Fields, IGraphType Value)[] { (bound, subOutput), (boundInput, subInput) })
        {
            fields.AddField(new FieldType { Name = "value", Description = "The value at one end of our range.", ResolvedType = value });
            fields.AddField(new FieldType { Name = "inclusive", Description = "Whether or not the value of this bound is included in the range.", ResolvedType = new NonNullGraphType(named["Boolean"]) });
        }

        var output = new ObjectGraphType { Name = name, Description = rangeDescription };
        var inputType = new InputObjectGraphType { Name = name + "Input", Description = rangeDescription };
        foreach (var (fields, boundType) in new (IComplexGraphType Fields, IGraphType Bound)[] { (output, bound), (inputType, boundInput) })
        {
            fields.AddField(new FieldType { Name = "start", Description = "The starting bound of our range.", ResolvedType = boundType });
            fields.AddField(new FieldType { Name = "end", Description = "The ending bound of our range.", ResolvedType = boundType });
        }

        named[bound.Name] = bound;
        named[boundInput.Name] = boundInput;
        named[name] = output;
        named[inputType.Name] = inputType;
    }
}
