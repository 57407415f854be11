using System.Text;
using System.Text.Json;

namespace Platform.DataPlane.Planning.Plans;

/// <summary>
/// The executable form of one operation. <see cref="StructuralVariables"/> lists the variables whose values shaped
/// the SQL (orderBy, @include/@skip, whole input objects); a cached plan is reused only when those values match.
/// <see cref="NodeIdVariables"/> are node ids whose table shaped the SQL; their key values are parameters, so a cached
/// plan is reused for every id naming the same table.
/// </summary>
public sealed record OperationPlan(
    string OperationType,
    string? OperationName,
    IReadOnlyList<RootFieldPlan> RootFields,
    IReadOnlySet<string> StructuralVariables,
    IReadOnlySet<NodeIdVariable>? NodeIdVariables = null)
{
    public bool HasIntrospection => RootFields.Any(f => f.IsIntrospection);

    /// <summary>Only such plans take the executor's slower rewrite path (parse and re-write the field's JSON).</summary>
    public bool HasJwtTokens => RootFields.Any(f => f.HasJwtTokens);

    /// <summary>
    /// What of the request's variables this plan's SQL depends on beyond their null-ness: the values of
    /// <see cref="StructuralVariables"/> and the shapes of <see cref="NodeIdVariables"/>.
    /// </summary>
    public string ShapeKey(JsonElement? variables) => ShapeKey(StructuralVariables, NodeIdVariables, variables);

    /// <inheritdoc cref="ShapeKey(JsonElement?)"/>
    public static string ShapeKey(IReadOnlySet<string> structural, IReadOnlySet<NodeIdVariable>? nodeIds, JsonElement? variables)
    {
        var key = new StringBuilder();
        foreach (var name in structural.Order(StringComparer.Ordinal))
        {
            key.Append(name).Append('=');
            if (variables is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty(name, out var value))
            {
                key.Append(value.GetRawText());
            }

            key.Append('\0');
        }

        if (nodeIds is { Count: > 0 })
        {
            // Sorted as text: one variable may be read by two fields accepting different tables.
            var shapes = nodeIds.Select(n => n.Source.Name + "." + n.Source.PathKey + "#" + n.Shape(variables)).Order(StringComparer.Ordinal);
            key.AppendJoin('\0', shapes);
        }

        return key.ToString();
    }
}
