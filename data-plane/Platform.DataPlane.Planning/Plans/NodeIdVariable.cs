using System.Text.Json;
using Platform.DataPlane.Planning.Binding;

namespace Platform.DataPlane.Planning.Plans;

/// <summary>
/// A node id read from a variable while planning. Only which of <see cref="Tables"/> it names shapes the SQL (a row of
/// that table, or null / an error for anything else); its key values are bound as <see cref="NodeIdKeyParameter"/>.
/// <see cref="Tables"/> maps each node prefix the field accepts to its number of primary key columns; the planner
/// shares one map per field kind, so records compare equal across plans of one schema.
/// </summary>
public sealed record NodeIdVariable(VariableParameter Source, IReadOnlyDictionary<string, int> Tables)
{
    /// <summary>
    /// The part of the request's value the SQL depends on: the prefix of a well-formed id of one of
    /// <see cref="Tables"/>, or one shared value for every other id (however many made-up prefixes a client sends).
    /// </summary>
    public string Shape(JsonElement? variables) =>
        ParameterBinder.VariableValue(Source, variables) is { ValueKind: JsonValueKind.String } value
        && NodeIdCodec.Decode(value.GetString()!) is { } id
        && Tables.TryGetValue(id.Prefix, out var keys)
        && keys == id.Keys.Count
            ? id.Prefix
            : "";
}
