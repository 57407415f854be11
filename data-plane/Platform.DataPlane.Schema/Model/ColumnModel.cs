using Platform.DataPlane.Introspection.Model;

namespace Platform.DataPlane.Schema.Model;

/// <summary>A readable column as a GraphQL field. <see cref="NonNull"/> follows NOT NULL.</summary>
public sealed record ColumnModel(string FieldName, PgColumn Column, ValueType Type, bool NonNull, string? Description, string? DeprecationReason)
{
    public string Name => Column.Name;

    /// <summary>The enum value name used in <c>XsOrderBy</c> (<c>CREATED_AT</c>).</summary>
    public string OrderName { get; init; } = "";

    /// <summary>False when a <c>@omit order</c> smart comment keeps the column out of <c>XsOrderBy</c>.</summary>
    public bool Orderable { get; init; } = true;

    /// <summary>False when a <c>@omit filter</c> smart comment keeps the column out of <c>XCondition</c>.</summary>
    public bool Filterable { get; init; } = true;

    /// <summary>False when <c>@omit create</c> keeps the column out of the create input.</summary>
    public bool Creatable { get; init; } = true;

    /// <summary>False when <c>@omit update</c> keeps the column out of the patch.</summary>
    public bool Patchable { get; init; } = true;
}
