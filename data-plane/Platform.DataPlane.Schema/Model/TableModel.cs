using Platform.DataPlane.Introspection.Model;

namespace Platform.DataPlane.Schema.Model;

/// <summary>
/// A table, view or materialized view as a GraphQL object type with its connection, lookups and relations.
/// Relations point at other tables, so this is a class (reference identity), filled in by the builder.
/// </summary>
public sealed partial class TableModel(PgClass pgClass, string typeName, string pluralName)
{
    public PgClass Class { get; } = pgClass;

    public string Schema => Class.Schema;

    public string Name => Class.Name;

    /// <summary>The row type's name (<c>Event</c>).</summary>
    public string TypeName { get; } = typeName;

    /// <summary>UpperCamel plural (<c>Events</c>) from which collection names derive.</summary>
    public string PluralName { get; } = pluralName;

    public string AllFieldName => "all" + PluralName;

    /// <summary>v4's simple collection of this table (<c>allEventsList</c>).</summary>
    public string AllListFieldName => AllFieldName + "List";

    /// <summary>
    /// v4's <c>@simpleCollections</c> on a table: <c>both</c> adds plain list fields (<c>allXsList</c>,
    /// <c>xsByYList</c>: condition, orderBy, first and offset) beside its connections, <c>only</c> replaces them.
    /// </summary>
    public string? SimpleCollections { get; init; }

    public bool HasConnections => SimpleCollections != "only";

    public bool HasLists => SimpleCollections is "only" or "both";

    public string ConnectionTypeName => PluralName + "Connection";

    public string EdgeTypeName => PluralName + "Edge";

    public string OrderByTypeName => PluralName + "OrderBy";

    public string ConditionTypeName => TypeName + "Condition";

    /// <summary>
    /// The first element of this type's node identifiers: as v4, the table's own name made plural
    /// (<c>group_organizers</c>), whatever the GraphQL type is called.
    /// </summary>
    public string NodeIdPrefix => Inflection.Inflector.Pluralize(Name);

    public string? Description { get; init; }

    /// <summary><c>@omit all</c>: no <c>allXs</c> collection (mutations stay, as in PostGraphile v4).</summary>
    public bool OmitAll { get; init; }

    /// <summary><c>@omit many</c>: no collections of this table's rows on the tables it references.</summary>
    public bool OmitMany { get; init; }

    /// <summary><c>@omit create</c>, <c>@omit update</c>, <c>@omit delete</c>: no such mutations.</summary>
    public bool OmitCreate { get; init; }

    public bool OmitUpdate { get; init; }

    public bool OmitDelete { get; init; }

    public List<ColumnModel> Columns { get; } = [];

    public List<ColumnModel>? PrimaryKey { get; set; }

    public List<LookupModel> Lookups { get; } = [];

    public List<ForwardRelation> ForwardRelations { get; } = [];

    public List<BackwardRelation> BackwardRelations { get; } = [];

    public List<FunctionModel> ComputedColumns { get; } = [];

    public bool IsNode => PrimaryKey is { Count: > 0 };

    public ColumnModel? ColumnByName(string name) => Columns.FirstOrDefault(c => c.Name == name);

    public override string ToString() => TypeName;
}
