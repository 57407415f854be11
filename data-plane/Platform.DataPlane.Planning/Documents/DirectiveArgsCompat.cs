using GraphQLParser.AST;

namespace Platform.DataPlane.Planning.Documents;

/// <summary>
/// graphql-js's introspection query with <c>inputValueDeprecation</c> (what GraphiQL sends) asks for
/// <c>__schema { directives { args(includeDeprecated: true) } }</c>; GraphQL for .NET 8 has that argument on field and
/// input-object arguments but not on directive arguments, and would refuse the whole query. No directive argument of a
/// generated schema is ever deprecated, so dropping the argument there gives the very same answer.
/// </summary>
internal static class DirectiveArgsCompat
{
    public static void Apply(GraphQLDocument document)
    {
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case GraphQLOperationDefinition operation:
                    foreach (var schemaField in Fields(operation.SelectionSet).Where(f => f.Name.Value.Span.SequenceEqual("__schema")))
                    {
                        StripInSchema(schemaField.SelectionSet);
                    }

                    break;
                case GraphQLFragmentDefinition fragment when fragment.TypeCondition.Type.Name.Value.Span.SequenceEqual("__Schema"):
                    StripInSchema(fragment.SelectionSet);
                    break;
            }
        }
    }

    private static void StripInSchema(GraphQLSelectionSet? schemaSelections)
    {
        foreach (var directives in Fields(schemaSelections).Where(f => f.Name.Value.Span.SequenceEqual("directives")))
        {
            foreach (var args in Fields(directives.SelectionSet).Where(f => f.Name.Value.Span.SequenceEqual("args") && f.Arguments is not null))
            {
                args.Arguments!.Items.RemoveAll(a => a.Name.Value.Span.SequenceEqual("includeDeprecated"));
                if (args.Arguments.Items.Count == 0)
                {
                    args.Arguments = null;
                }
            }
        }
    }

    private static IEnumerable<GraphQLField> Fields(GraphQLSelectionSet? selections) =>
        selections?.Selections.SelectMany(s => s switch
        {
            GraphQLField f => [f],
            GraphQLInlineFragment i => Fields(i.SelectionSet),
            _ => [],
        }) ?? [];
}
