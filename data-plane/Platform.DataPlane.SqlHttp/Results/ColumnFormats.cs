using Npgsql.PostgresTypes;

namespace Platform.DataPlane.SqlHttp.Results;

/// <summary>
/// Chooses a column's mapping from its PostgreSQL type. Domains map as their base type, arrays by their element.
/// Types Npgsql has not loaded (created after the data source read the catalog) map as text until it reloads types.
/// </summary>
internal static class ColumnFormats
{
    // box is the one built-in type whose array delimiter is not a comma (its text holds commas).
    private const uint BoxOid = 603;

    public static ColumnFormat For(PostgresType type) => type switch
    {
        PostgresDomainType domain => For(domain.BaseType),
        PostgresArrayType array => new ColumnFormat(ValueKind.Array, For(array.Element), array.Element.OID == BoxOid ? (byte)';' : (byte)','),
        _ => ForOid(type.OID),
    };

    public static ColumnFormat ForOid(uint oid) => oid switch
    {
        16 => ColumnFormat.Boolean,
        17 => ColumnFormat.Bytes,
        20 or 1700 => ColumnFormat.ExactNumber,
        21 or 23 or 26 => ColumnFormat.Integer,
        700 or 701 => ColumnFormat.Float,
        114 or 3802 => ColumnFormat.Json,
        _ => ColumnFormat.Text,
    };
}
