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

    public string ConnectionTypeName => PluralName + "Connection";

    public string EdgeTypeName => PluralName + "Edge";

    public CompositeAttribute? Attribute(string fieldName) => Attributes.FirstOrDefault(a => a.FieldName == fieldName);
}
