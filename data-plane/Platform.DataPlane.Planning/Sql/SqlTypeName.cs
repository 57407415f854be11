namespace Platform.DataPlane.Planning.Sql;

/// <summary>
/// A PostgreSQL type name as the catalog spells it (<c>regtype</c> output, already quoted where needed).
/// Only catalog data becomes a type name, never request input.
/// </summary>
public sealed record SqlTypeName(string Text)
{
    public static readonly SqlTypeName PlainText = new("text");
    public static readonly SqlTypeName BigInt = new("bigint");

    public override string ToString() => Text;
}
