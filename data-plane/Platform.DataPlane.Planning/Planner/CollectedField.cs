using GraphQLParser.AST;

namespace Platform.DataPlane.Planning.Planner;

/// <summary>
/// One response key of a selection set after fragments and directives are resolved. Fields sharing a key are merged
/// (validation guarantees they are the same field with the same arguments), so their sub-selections are combined.
/// </summary>
internal sealed class CollectedField(string responseKey, GraphQLField field)
{
    public string ResponseKey { get; } = responseKey;

    public GraphQLField Field { get; } = field;

    public string Name => Field.Name.StringValue;

    public List<GraphQLSelectionSet> SelectionSets { get; } = field.SelectionSet is null ? [] : [field.SelectionSet];
}
