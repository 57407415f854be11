using Platform.DataPlane.Introspection.Model;
using Platform.DataPlane.Schema.Inflection;

namespace Platform.DataPlane.Schema.Model;

/// <summary>
/// A STABLE or IMMUTABLE function exposed as a query field, or as a computed column when its first argument is a table row
/// (then <see cref="Arguments"/> excludes that row argument).
/// </summary>
public sealed partial class FunctionModel(
    string fieldName,
    PgFunction function,
    IReadOnlyList<FunctionArgument> arguments,
    FunctionReturn returns,
    ValueType? returnType,
    TableModel? returnTable,
    string? description,
    string? deprecationReason)
{
    public string FieldName { get; } = fieldName;

    public PgFunction Function { get; } = function;

    public IReadOnlyList<FunctionArgument> Arguments { get; } = arguments;

    public FunctionReturn Returns { get; } = returns;

    public ValueType? ReturnType { get; } = returnType;

    public TableModel? ReturnTable { get; } = returnTable;

    public string? Description { get; } = description;

    public string? DeprecationReason { get; } = deprecationReason;

    /// <summary>
    /// v4's <c>@simpleCollections</c> on a set-returning function: <c>both</c> adds a plain list field
    /// (<see cref="ListFieldName"/>, with <c>first</c> and <c>offset</c>) beside the connection, <c>only</c> replaces it.
    /// </summary>
    public string? SimpleCollections { get; set; }

    public bool IsSet => Returns is FunctionReturn.SetOfRows or FunctionReturn.SetOfScalars;

    public bool HasConnection => !IsSet || SimpleCollections != "only";

    public bool HasList => IsSet && SimpleCollections is "only" or "both";

    public string ListFieldName => FieldName + "List";

    /// <summary>A computed column tagged <c>@filterable</c> that can be one: a field of its table's condition type.</summary>
    public bool Filterable { get; set; }

    /// <summary>
    /// For set-returning scalar functions: the connection type, named after the function (<c>GroupTagNamesConnection</c>);
    /// for sets of a composite type, after the type (<c>AddressesConnection</c>), shared by every such function, as in v4.
    /// </summary>
    public string ScalarConnectionTypeName => ReturnType?.Composite?.ConnectionTypeName ?? Inflector.PascalCase(Function.Name) + "Connection";

    /// <summary>For set-returning scalar functions: the edge type (<c>GroupTagNameEdge</c>, or <c>AddressesEdge</c>).</summary>
    public string ScalarEdgeTypeName => ReturnType?.Composite?.EdgeTypeName ?? Inflector.PascalCase(Inflector.Singularize(Function.Name)) + "Edge";
}
