using GraphQLParser.AST;
using Platform.DataPlane.Planning.Plans;

namespace Platform.DataPlane.Planning.Planner;

/// <summary>The pagination arguments of one connection field after reading literals and variables.</summary>
public sealed record ConnectionArguments(
    GraphQLValue? First,
    GraphQLValue? Last,
    GraphQLValue? Offset,
    ParameterSource? After,
    ParameterSource? Before,
    OrderSpec Order)
{
    public bool Backward => Last is not null;

    public GraphQLValue? Limit => Last ?? First;
}
