using System.Text;
using System.Text.Json;
using GraphQLParser.AST;
using Platform.DataPlane.Planning.Errors;

namespace Platform.DataPlane.Execution.Live;

/// <summary>
/// Turns <c>subscription { listen(topic: "...") { relatedNodeId relatedNode { ... } } }</c> into a <see cref="ListenQuery"/>.
/// The related node is read with a query built from the document's own text (<c>node(nodeId:)</c> with relatedNode's
/// selection set and the fragments it uses), so it runs through the ordinary planner under each subscriber's session.
/// </summary>
internal static class ListenQueryBuilder
{
    public const string NodeIdVariable = "listenRelatedNodeId";

    public static ListenQuery Build(GraphQLDocument document, GraphQLField listen, JsonElement? variables)
    {
        var topic = Topic(listen, variables);
        var fields = new List<(string, string)>();
        var nodeSelections = new List<string>();
        var rootQueries = new List<(string, string)>();
        foreach (var selection in listen.SelectionSet?.Selections ?? [])
        {
            if (selection is not GraphQLField field)
            {
                throw Refuse("listen's selection must name its fields directly (relatedNodeId, relatedNode, __typename).");
            }

            var key = (field.Alias?.Name ?? field.Name).StringValue;
            var name = field.Name.StringValue;
            switch (name)
            {
                case "relatedNodeId" or "__typename":
                    break;
                case "relatedNode":
                    nodeSelections.Add($"{key}: node(nodeId: ${NodeIdVariable}) {Text(document, field.SelectionSet!)}");
                    break;
                case "query":
                    // v4's root Query on the payload: its selections, read under the subscriber's session per event.
                    rootQueries.Add((key, WithFragments(document, "query ListenRootQuery " + Text(document, field.SelectionSet!))));
                    break;
                default:
                    throw Refuse($"listen's {name} field is not served; select relatedNodeId, relatedNode and query.");
            }

            fields.Add((key, name));
        }

        string? nodeQuery = null;
        if (nodeSelections.Count > 0)
        {
            nodeQuery = WithFragments(document, new StringBuilder($"query ListenRelatedNode(${NodeIdVariable}: ID!) {{ ").AppendJoin(' ', nodeSelections).Append(" }").ToString());
        }

        return new ListenQuery(topic, (listen.Alias?.Name ?? listen.Name).StringValue, fields, nodeQuery, InitialEvent(listen, variables), rootQueries.Count > 0 ? rootQueries : null);
    }

    /// <summary>A query's text followed by the document's fragments it uses.</summary>
    private static string WithFragments(GraphQLDocument document, string query)
    {
        var text = new StringBuilder(query);
        foreach (var fragment in FragmentsUsed(document, query))
        {
            text.Append('\n').Append(Text(document, fragment));
        }

        return text.ToString();
    }

    private static string Topic(GraphQLField listen, JsonElement? variables)
    {
        var argument = listen.Arguments?.FirstOrDefault(a => a.Name.StringValue == "topic")?.Value;
        var topic = argument switch
        {
            GraphQLStringValue s => s.Value.ToString(),
            GraphQLVariable v when variables is { ValueKind: JsonValueKind.Object } vars && vars.TryGetProperty(v.Name.StringValue, out var value)
                && value.ValueKind == JsonValueKind.String => value.GetString(),
            _ => null,
        };
        if (string.IsNullOrEmpty(topic))
        {
            throw Refuse("listen needs a non-empty topic.");
        }

        // A channel name is an identifier: PostgreSQL truncates past 63 bytes, so two long topics could share one.
        if (Encoding.UTF8.GetByteCount("postgraphile:" + topic) > 63)
        {
            throw Refuse("The topic is too long: postgraphile:<topic> must fit in 63 bytes.");
        }

        return topic;
    }

    /// <summary>pg-pubsub's <c>initialEvent</c>, a literal or a variable (its default is false).</summary>
    private static bool InitialEvent(GraphQLField listen, JsonElement? variables) =>
        listen.Arguments?.FirstOrDefault(a => a.Name.StringValue == "initialEvent")?.Value switch
        {
            GraphQLBooleanValue b => b.BoolValue,
            GraphQLVariable v => variables is { ValueKind: JsonValueKind.Object } vars && vars.TryGetProperty(v.Name.StringValue, out var value)
                && value.ValueKind == JsonValueKind.True,
            _ => false,
        };

    private static List<GraphQLFragmentDefinition> FragmentsUsed(GraphQLDocument document, string text)
    {
        var all = document.Definitions.OfType<GraphQLFragmentDefinition>().ToList();
        var used = new List<GraphQLFragmentDefinition>();
        var searched = new StringBuilder(text);
        bool added;
        do
        {
            added = false;
            foreach (var f in all.Except(used).ToList())
            {
                if (System.Text.RegularExpressions.Regex.IsMatch(searched.ToString(), @"\.\.\.\s*" + f.FragmentName.Name.StringValue + @"(?![_0-9A-Za-z])"))
                {
                    used.Add(f);
                    searched.Append('\n').Append(Text(document, f));
                    added = true;
                }
            }
        }
        while (added);
        return used;
    }

    private static string Text(GraphQLDocument document, ASTNode node) =>
        document.Source.Span[node.Location.Start..node.Location.End].ToString();

    private static GraphQLRequestException Refuse(string message) => new(ErrorCodes.ValidationFailed, message);
}
