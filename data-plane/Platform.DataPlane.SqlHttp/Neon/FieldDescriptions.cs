using System.Runtime.CompilerServices;
using Npgsql;
using Npgsql.BackendMessages;

namespace Platform.DataPlane.SqlHttp.Neon;

/// <summary>
/// A column's RowDescription entry as PostgreSQL sent it: table OID, attribute number, type size and modifier, which
/// Neon's <c>fields</c> carry. Npgsql keeps them on its <see cref="FieldDescription"/> but exposes the reader's
/// accessor and two of the properties only internally; <see cref="NpgsqlDataReader.GetColumnSchema()"/> has no size or
/// modifier. Accessors are bound at compile time by name, so an Npgsql upgrade that renames them fails the SqlHttp
/// tests (MissingMethodException) rather than answering wrong values.
/// </summary>
internal static class FieldDescriptions
{
    public static (uint TableId, short ColumnId, short TypeSize, int TypeModifier) Of(NpgsqlDataReader reader, int ordinal)
    {
        var field = GetField(reader, ordinal);
        return (TableOid(field), ColumnAttributeNumber(field), field.TypeSize, field.TypeModifier);
    }

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "GetField")]
    private static extern FieldDescription GetField(NpgsqlDataReader reader, int ordinal);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_TableOID")]
    private static extern uint TableOid(FieldDescription field);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_ColumnAttributeNumber")]
    private static extern short ColumnAttributeNumber(FieldDescription field);
}
