namespace Platform.DataPlane.Schema.Model;

/// <summary>
/// A column, argument or result type: its GraphQL spelling, how it is rendered, and the catalog's SQL type name for casts.
/// Lists carry their <see cref="Element"/>; enums carry their <see cref="Enum"/>; composites their <see cref="Composite"/>.
/// </summary>
public sealed record ValueType(ScalarKind Kind, string GraphQLName, string SqlType, ValueType? Element = null, EnumModel? Enum = null, CompositeModel? Composite = null)
{
    /// <summary>
    /// For a domain over a scalar: the scalar it copies (PostGraphile v4 names the domain's own scalar after the domain,
    /// with the domain's comment, and otherwise treats it as its base). Null for every other type.
    /// </summary>
    public string? DomainBase { get; init; }

    /// <summary>The domain's comment, the description of its scalar.</summary>
    public string? DomainDescription { get; init; }

    public bool IsList => Kind == ScalarKind.List;

    /// <summary>True for a composite, a range or a list of them: such inputs travel as one JSON parameter rebuilt in SQL.</summary>
    public bool HasComposite => Kind is ScalarKind.Composite or ScalarKind.Range || (IsList && Element!.HasComposite);

    /// <summary>The GraphQL type reference without an outer non-null marker, e.g. <c>[BigInt]</c>.</summary>
    public string GraphQLReference => IsList ? "[" + Element!.GraphQLReference + "]" : GraphQLName;
}
