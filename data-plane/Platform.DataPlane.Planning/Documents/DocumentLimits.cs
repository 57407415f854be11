using GraphQLParser.AST;
using Platform.DataPlane.Planning.Errors;

namespace Platform.DataPlane.Planning.Documents;

/// <summary>
/// Cheap syntactic limits checked before validation, whose cost grows with the document: selection depth and the
/// number of selected fields (aliases included, fragments counted each time they are spread).
/// Introspection subtrees are bounded by the schema itself, so they count towards fields but not depth.
/// </summary>
public static class DocumentLimits
{
    public static void Check(GraphQLDocument document, GraphQLOperationDefinition operation, PlannerOptions options)
    {
        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var memo = new Dictionary<string, (long Fields, int Depth)>(StringComparer.Ordinal);
        var inProgress = new HashSet<string>(StringComparer.Ordinal);
        var (fields, depth) = Measure(operation.SelectionSet, false);
        if (depth > options.MaxDepth)
        {
            throw new GraphQLRequestException(ErrorCodes.DepthLimitExceeded, $"The query nests {depth} levels deep; the limit is {options.MaxDepth}.");
        }

        if (fields > options.MaxFields)
        {
            throw new GraphQLRequestException(ErrorCodes.FieldLimitExceeded, $"The query selects {fields} fields; the limit is {options.MaxFields}.");
        }

        (long Fields, int Depth) Measure(GraphQLSelectionSet set, bool introspection)
        {
            long count = 0;
            var deepest = 0;
            foreach (var selection in set.Selections)
            {
                (long Fields, int Depth) inner;
                switch (selection)
                {
                    case GraphQLField field:
                        var isIntrospection = introspection || field.Name.Value.Span.StartsWith("__") && !field.Name.Value.Span.SequenceEqual("__typename");
                        var child = field.SelectionSet is null ? (0L, 0) : Measure(field.SelectionSet, isIntrospection);
                        inner = (child.Item1 + 1, isIntrospection ? 0 : child.Item2 + 1);
                        break;
                    case GraphQLInlineFragment inline:
                        inner = Measure(inline.SelectionSet, introspection);
                        break;
                    case GraphQLFragmentSpread spread:
                        inner = Spread(spread.FragmentName.Name.StringValue, introspection);
                        break;
                    default:
                        continue;
                }

                count += inner.Fields;
                deepest = Math.Max(deepest, inner.Depth);
                if (count > options.MaxFields)
                {
                    // Stop early: a fragment bomb can describe astronomically many fields.
                    return (count, deepest);
                }
            }

            return (count, deepest);
        }

        (long Fields, int Depth) Spread(string name, bool introspection)
        {
            var key = (introspection ? "i:" : "d:") + name;
            if (memo.TryGetValue(key, out var known))
            {
                return known;
            }

            if (!fragments.TryGetValue(name, out var fragment) || !inProgress.Add(key))
            {
                // Unknown fragments and cycles are reported by validation.
                return (0, 0);
            }

            var measured = Measure(fragment.SelectionSet, introspection);
            inProgress.Remove(key);
            memo[key] = measured;
            return measured;
        }
    }
}
