using Platform.DataPlane.Schema.Inflection;

namespace Platform.DataPlane.Schema.Model;

/// <summary>
/// The write side of a table, named as PostGraphile v4 does. Privileges are those of the role that introspected;
/// an operation or column it may not use is left out, and PostgreSQL enforces finer rules (RLS, weaker roles) at run time.
/// </summary>
public sealed partial class TableModel
{
    /// <summary>The payload field holding the row (<c>event</c>).</summary>
    public string RowFieldName => Inflector.CamelCase(TypeName);

    public string CreateFieldName => "create" + TypeName;

    public string CreateInputTypeName => "Create" + TypeName + "Input";

    public string CreatePayloadTypeName => "Create" + TypeName + "Payload";

    public string InputTypeName => TypeName + "Input";

    public string PatchTypeName => TypeName + "Patch";

    /// <summary>The create input's field holding the row (<c>event</c>) and the patch field (<c>eventPatch</c>).</summary>
    public string PatchFieldName => RowFieldName + "Patch";

    public string UpdatePayloadTypeName => "Update" + TypeName + "Payload";

    public string DeletePayloadTypeName => "Delete" + TypeName + "Payload";

    public string EdgeFieldName => RowFieldName + "Edge";

    /// <summary>PostGraphile v4 names it from the table's own name, singular, whatever <c>@name</c> says (<c>deletedEventId</c>).</summary>
    public string DeletedNodeIdFieldName => Inflector.CamelCase("deleted_" + Inflector.Singularize(Name) + "_id");


    /// <summary>
    /// Columns a create may set: those some exposed role may insert (a table grant or a column grant), not generated,
    /// not GENERATED ALWAYS AS IDENTITY, not <c>@omit create</c>.
    /// </summary>
    public IEnumerable<ColumnModel> InsertColumns =>
        Columns.Where(c => c.Column.CanInsert && c.Creatable && !c.Column.Generated && !c.Column.IdentityAlways);

    /// <summary>Columns a patch may set, by the same rules with UPDATE.</summary>
    public IEnumerable<ColumnModel> UpdateColumns =>
        Columns.Where(c => c.Column.CanUpdate && c.Patchable && !c.Column.Generated && !c.Column.IdentityAlways);

    /// <summary>
    /// As PostGraphile v4 with RBAC: a create exists when PostgreSQL can insert into the relation (a table, or a view it
    /// can write through) and some role may insert it or any of its columns.
    /// </summary>
    public bool CanCreate => (Class.Insertable ?? Class.IsTable) && !OmitCreate && (Class.CanInsert || Class.Columns.Any(c => c.CanInsert)) && InsertColumns.Any();

    public bool CanUpdate => (Class.Updatable ?? Class.IsTable) && !OmitUpdate && (Class.CanUpdate || Class.Columns.Any(c => c.CanUpdate)) && UpdateColumns.Any();

    public bool CanDelete => (Class.Deletable ?? Class.IsTable) && !OmitDelete && Class.CanDelete;

    /// <summary>A create input field may be left out when PostgreSQL can fill the column (default, identity, NULL).</summary>
    public static bool IsRequiredOnCreate(ColumnModel column) =>
        column.Column.NotNull && !column.Column.HasDefault && !column.Column.Identity;

    /// <summary><c>updateEventById</c> from the lookup <c>eventById</c>; <c>updateEvent</c> for the node variant.</summary>
    public static string MutationFieldName(string verb, LookupModel? lookup, TableModel table) =>
        verb + (lookup is null ? table.TypeName : Inflector.PascalCase(lookup.FieldName));

    public static string MutationInputTypeName(string verb, LookupModel? lookup, TableModel table) =>
        Inflector.PascalCase(MutationFieldName(verb, lookup, table)) + "Input";
}
