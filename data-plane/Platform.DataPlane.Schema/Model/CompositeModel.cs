namespace Platform.DataPlane.Schema.Model;

/// <summary>
/// A composite type as PostGraphile v4 exposes it: an object type (<c>Address</c>) with one nullable field per attribute,
/// an input type (<c>AddressInput</c>), and, for set-returning functions, a connection named after its plural.
/// </summary>
/// <see cref="SqlAttributes"/> lists every attribute in catalog order, exposed or not, because a row constructor is positional.
public sealed record CompositeModel(string GraphQLName, string PluralName, string SqlType, IReadOnlyList<CompositeAttribute> Attributes, IReadOnlyList<string> SqlAttributes, string? Description)
{
    public long TypeOid { get; init; }

    public string InputTypeName => GraphQLName + "Input";

    /// <summary>
    /// True for the result of a function with OUT or TABLE arguments (v4's <c>PriceListRecord</c>): an object type
    /// only, its attributes the output arguments, its connection and edge named after the function.
    /// </summary>
    public bool IsFunctionRecord { get; init; }

    public string ConnectionTypeName { get => connectionTypeName ?? PluralName + "Connection"; init => connectionTypeName = value; }

    public string EdgeTypeName { get => edgeTypeName ?? PluralName + "Edge"; init => edgeTypeName = value; }

    private readonly string? connectionTypeName;
    private readonly string? edgeTypeName;

    public CompositeAttribute? Attribute(string fieldName) => Attributes.FirstOrDefault(a => a.FieldName == fieldName);
}
