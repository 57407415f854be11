namespace Platform.DataPlane.SqlHttp.Results;

/// <summary>The mapping of one column (or array element): its kind, and for arrays the element's format and delimiter.</summary>
internal sealed record ColumnFormat(ValueKind Kind, ColumnFormat? Element = null, byte Delimiter = (byte)',')
{
    public static readonly ColumnFormat Text = new(ValueKind.Text);
    public static readonly ColumnFormat Integer = new(ValueKind.Integer);
    public static readonly ColumnFormat Float = new(ValueKind.Float);
    public static readonly ColumnFormat ExactNumber = new(ValueKind.ExactNumber);
    public static readonly ColumnFormat Boolean = new(ValueKind.Boolean);
    public static readonly ColumnFormat Json = new(ValueKind.Json);
    public static readonly ColumnFormat Bytes = new(ValueKind.Bytes);

    /// <summary>
    /// The fewest JSON bytes a value of <paramref name="textLength"/> text bytes can become. Only bytea shrinks
    /// (hex <c>\x</c> + 2 digits per byte becomes base64, 4 characters per 3 bytes); everything else is copied or grows.
    /// Lets the size cap refuse a huge value before it is read into memory.
    /// </summary>
    public long MinimumJsonLength(long textLength) => Kind switch
    {
        ValueKind.Bytes => textLength / 3,
        ValueKind.Array when Element!.Kind == ValueKind.Bytes => textLength / 3,
        _ => textLength,
    };
}
