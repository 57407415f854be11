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
    /// A computed column tagged <c>@sortable</c> that can be one (a plain value per row): v4 adds
    /// <c>&lt;FIELD&gt;_ASC</c>/<c>_DESC</c> to its table's orderBy enum and orders by the function's value.
    /// </summary>
    public bool Sortable { get; set; }

    /// <summary>v4's <c>@isUnique</c> beside <c>@sortable</c>: ordering by the value alone is unique, so no primary key is appended.</summary>
    public bool SortUnique { get; set; }

    /// <summary>The stem of this computed column's orderBy values (<c>LABEL</c> in <c>LABEL_ASC</c>).</summary>
    public string OrderName => Inflector.ConstantCase(FieldName);

    /// <summary>
    /// On a set-returning function: v4's <c>@sortable</c> and <c>@filterable</c> give its connection (and list) the
    /// returned table's <c>orderBy</c> and <c>condition</c> arguments.
    /// </summary>
    public bool SetSortable { get; set; }

    public bool SetFilterable { get; set; }

    /// <summary>The name v4's type names for this function start from: <c>@name</c>, else the function's own name.</summary>
    public string TypeStem { get; set; } = function.Name;

    /// <summary>
    /// For set-returning scalar functions: the connection type, named after the function (<c>GroupTagNamesConnection</c>);
    /// for sets of a composite type, after the type (<c>AddressesConnection</c>), shared by every such function, as in v4.
    /// </summary>
    public string ScalarConnectionTypeName => ReturnType?.Composite?.ConnectionTypeName ?? Inflector.PascalCase(TypeStem) + "Connection";

    /// <summary>For set-returning scalar functions: the edge type (<c>GroupTagNameEdge</c>, or <c>AddressesEdge</c>).</summary>
    public string ScalarEdgeTypeName => ReturnType?.Composite?.EdgeTypeName ?? Inflector.PascalCase(Inflector.Singularize(TypeStem)) + "Edge";
}
