using GraphQLParser.AST;
using Platform.DataPlane.Planning.Errors;

namespace Platform.DataPlane.Planning.Planner;

/// <summary>The spec's CollectFields: expands fragments whose type condition applies, honours @include/@skip, merges by response key.</summary>
internal static class FieldCollector
{
    public static List<CollectedField> Collect(PlanContext context, IEnumerable<GraphQLSelectionSet> sets, Func<string, bool> typeApplies)
    {
        var result = new List<CollectedField>();
        var byKey = new Dictionary<string, CollectedField>(StringComparer.Ordinal);
        var visitedFragments = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            Walk(set);
        }

        return result;

        void Walk(GraphQLSelectionSet set)
        {
            foreach (var selection in set.Selections)
            {
                if (selection is IHasDirectivesNode directed && !Included(context, directed))
                {
                    continue;
                }

                switch (selection)
                {
                    case GraphQLField field:
                        var key = (field.Alias?.Name ?? field.Name).StringValue;
                        if (byKey.TryGetValue(key, out var existing))
                        {
                            if (field.SelectionSet is not null)
                            {
                                existing.SelectionSets.Add(field.SelectionSet);
                            }
                        }
                        else
                        {
                            var collected = new CollectedField(key, field);
                            byKey[key] = collected;
                            result.Add(collected);
                        }

                        break;
                    case GraphQLInlineFragment inline:
                        if (inline.TypeCondition is null || typeApplies(inline.TypeCondition.Type.Name.StringValue))
                        {
                            Walk(inline.SelectionSet);
                        }

                        break;
                    case GraphQLFragmentSpread spread:
                        var name = spread.FragmentName.Name.StringValue;
                        var fragment = context.Fragment(name);
                        if (visitedFragments.Add(name) && typeApplies(fragment.TypeCondition.Type.Name.StringValue))
                        {
                            Walk(fragment.SelectionSet);
                        }

                        break;
                }
            }
        }
    }

    private static bool Included(PlanContext context, IHasDirectivesNode node)
    {
        if (node.Directives is null)
        {
            return true;
        }

        foreach (var directive in node.Directives)
        {
            var name = directive.Name.StringValue;
            if (name is not ("skip" or "include"))
            {
                continue;
            }

            var arg = directive.Arguments?.FirstOrDefault(a => a.Name.Value.Span.SequenceEqual("if"))
                ?? throw context.Error(ErrorCodes.ValidationFailed, $"@{name} needs an \"if\" argument.", directive);
            var value = arg.Value switch
            {
                GraphQLTrueBooleanValue => true,
                GraphQLFalseBooleanValue => false,
                GraphQLBooleanValue b => b.BoolValue,
                GraphQLVariable v => context.StructuralVariable(v.Name.StringValue) is { ValueKind: System.Text.Json.JsonValueKind.True },
                _ => throw context.Error(ErrorCodes.ValidationFailed, $"@{name}(if:) must be a Boolean.", directive),
            };
            if ((name == "skip" && value) || (name == "include" && !value))
            {
                return false;
            }
        }

        return true;
    }
}
