namespace Platform.DataPlane.Schema.Model;

/// <summary>Everything the planner and the GraphQL schema need, derived once from a catalog snapshot.</summary>
public sealed class SchemaModel(IReadOnlyList<TableModel> tables, IReadOnlyList<FunctionModel> queryFunctions, IReadOnlyList<EnumModel> enums, string fingerprint, IReadOnlyList<FunctionModel>? mutationFunctions = null, IReadOnlyList<CompositeModel>? composites = null)
{
    // First wins here; NameCollisions reports duplicates with their sources right after construction.
    private readonly Dictionary<string, TableModel> byTypeName = tables.GroupBy(t => t.TypeName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    private readonly Dictionary<string, TableModel> byNodePrefix = tables.Where(t => t.IsNode).GroupBy(t => t.NodeIdPrefix, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public IReadOnlyList<TableModel> Tables { get; } = tables;

    public IReadOnlyList<FunctionModel> QueryFunctions { get; } = queryFunctions;

    public IReadOnlyList<EnumModel> Enums { get; } = enums;

    /// <summary>VOLATILE functions, exposed as mutations with an input object and a payload.</summary>
    public IReadOnlyList<FunctionModel> MutationFunctions { get; } = mutationFunctions ?? [];

    public string Fingerprint { get; } = fingerprint;

    /// <summary>Stand-alone composite types reached from a column, argument, result or another composite.</summary>
    public IReadOnlyList<CompositeModel> Composites { get; } = composites ?? [];

    /// <summary>The record types of functions with OUT or TABLE arguments (<see cref="CompositeModel.IsFunctionRecord"/>).</summary>
    public IReadOnlyList<CompositeModel> Records { get; init; } = [];

    /// <summary>What the build renamed or left out, for the project's owner (empty when everything mapped).</summary>
    public IReadOnlyList<SchemaWarning> Warnings { get; init; } = [];

    public TableModel? TableByTypeName(string name) => byTypeName.GetValueOrDefault(name);

    public TableModel? TableByNodePrefix(string prefix) => byNodePrefix.GetValueOrDefault(prefix);
}
