namespace Platform.DataPlane.Schema.Building;

/// <summary>
/// Project settings that change the schema model. <paramref name="JwtTokenType"/> is PostGraphile's
/// <c>jwtPgTypeIdentifier</c> (<c>schema.type</c>, parts optionally double-quoted): that composite type becomes the
/// <c>JwtToken</c>-style scalar wherever it is returned, and the executor signs its values.
/// </summary>
public sealed record SchemaOptions(string? JwtTokenType = null)
{
    public static SchemaOptions Default { get; } = new();
}
