namespace Platform.DataPlane.Schema.Model;

/// <summary>Everything the planner and the GraphQL schema need, derived once from a catalog snapshot.</summary>
public sealed class SchemaModel(IReadOnlyList<TableModel> tables, IReadOnlyList<FunctionModel> queryFunctions, IReadOnlyList<EnumModel> enums, string fingerprint)
{
    private readonly Dictionary<string, TableModel> byTypeName = tables.ToDictionary(t => t.TypeName, StringComparer.Ordinal);
    private readonly Dictionary<string, TableModel> byNodePrefix = tables.Where(t => t.IsNode).ToDictionary(t => t.NodeIdPrefix, StringComparer.Ordinal);

    public IReadOnlyList<TableModel> Tables { get; } = tables;

    public IReadOnlyList<FunctionModel> QueryFunctions { get; } = queryFunctions;

    public IReadOnlyList<EnumModel> Enums { get; } = enums;

    public string Fingerprint { get; } = fingerprint;

    public TableModel? TableByTypeName(string name) => byTypeName.GetValueOrDefault(name);

    public TableModel? TableByNodePrefix(string prefix) => byNodePrefix.GetValueOrDefault(prefix);
}
