namespace Platform.DataPlane.Schema.Building;

/// <summary>
/// Project settings that change the schema model. <paramref name="JwtTokenType"/> is PostGraphile's
/// <c>jwtPgTypeIdentifier</c> (<c>schema.type</c>, parts optionally double-quoted): that composite type becomes the
/// <c>JwtToken</c>-style scalar wherever it is returned, and the executor signs its values.
/// <paramref name="SimpleCollections"/> is v4's <c>simpleCollections</c> option (<c>omit</c>, <c>both</c> or
/// <c>only</c>): the default for every table, foreign key and set-returning function that has no
/// <c>@simpleCollections</c> tag of its own.
/// </summary>
public sealed record SchemaOptions(string? JwtTokenType = null, string SimpleCollections = "omit")
{
    public static SchemaOptions Default { get; } = new();
}
