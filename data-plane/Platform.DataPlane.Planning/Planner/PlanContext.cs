using System.Text.Json;
using GraphQLParser.AST;
using Platform.DataPlane.Planning.Documents;
using Platform.DataPlane.Planning.Errors;
using Platform.DataPlane.Planning.Plans;

namespace Platform.DataPlane.Planning.Planner;

/// <summary>State of planning one operation: its fragments, the request's variables, and which variables shaped the SQL.</summary>
public sealed partial class PlanContext(GraphQLDocument document, JsonElement? variables)
{
    private readonly Dictionary<string, GraphQLFragmentDefinition> fragments = document.Definitions
        .OfType<GraphQLFragmentDefinition>()
        .GroupBy(f => f.FragmentName.Name.StringValue)
        .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public GraphQLDocument Document { get; } = document;

    public HashSet<string> StructuralVariables { get; } = new(StringComparer.Ordinal);

    public HashSet<NodeIdVariable> NodeIdVariables { get; } = [];

    public GraphQLFragmentDefinition Fragment(string name) =>
        fragments.TryGetValue(name, out var f) ? f : throw Error(ErrorCodes.ValidationFailed, $"Unknown fragment \"{name}\".", null);

    /// <summary>True when the variable is present and not null; its null-ness is part of the plan cache key.</summary>
    public bool HasValue(string variable) => Variable(variable) is not null;

    /// <summary>True when the request names the variable, even as null; absent and null differ for patches.</summary>
    public bool IsProvided(string variable) =>
        variables is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty(variable, out _);

    public JsonElement? Variable(string name)
    {
        if (variables is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        return null;
    }

    /// <summary>Reads a variable whose value changes the SQL text; the plan is then cached per value of it.</summary>
    public JsonElement? StructuralVariable(string name)
    {
        StructuralVariables.Add(name);
        return Variable(name);
    }

    /// <summary>
    /// Reads a node id held in a variable: only which of <paramref name="tables"/> it names keys the plan; its key
    /// values are bound per request as <see cref="NodeIdKeyParameter"/>.
    /// </summary>
    public string? NodeIdVariable(VariableParameter source, IReadOnlyDictionary<string, int> tables)
    {
        NodeIdVariables.Add(new NodeIdVariable(source, tables));
        return Binding.ParameterBinder.VariableValue(source, variables) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
    }

    public GraphQLRequestException Error(string code, string message, ASTNode? node)
    {
        if (node is null)
        {
            return new GraphQLRequestException(code, message);
        }

        var (line, column) = SourcePosition.Of(Document, node);
        return new GraphQLRequestException(code, message, line, column);
    }
}
