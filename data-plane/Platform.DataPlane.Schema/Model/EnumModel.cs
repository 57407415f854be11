namespace Platform.DataPlane.Schema.Model;

/// <summary>A PostgreSQL enum as a GraphQL enum. Values pair the GraphQL name (CONSTANT_CASE) with the PostgreSQL label.</summary>
public sealed record EnumModel(string GraphQLName, string SqlType, IReadOnlyList<EnumValueModel> Values, string? Description)
{
    public long TypeOid { get; init; }
}
