namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>
/// Just enough of the protobuf wire format to read OTLP: the top-level fields of one message, each a number (varint,
/// fixed32, fixed64) or a length-delimited slice holding a string, bytes or a nested message.
/// </summary>
public static class ProtoWire
{
    public readonly record struct Field(int Number, ulong Value, ReadOnlyMemory<byte> Bytes);

    public static List<Field> Read(ReadOnlyMemory<byte> message)
    {
        var fields = new List<Field>();
        var span = message.Span;
        var i = 0;
        while (i < span.Length)
        {
            var tag = Varint(span, ref i);
            var number = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    fields.Add(new Field(number, Varint(span, ref i), default));
                    break;
                case 1:
                    fields.Add(new Field(number, BitConverter.ToUInt64(span.Slice(i, 8)), default));
                    i += 8;
                    break;
                case 2:
                    var length = (int)Varint(span, ref i);
                    fields.Add(new Field(number, 0, message.Slice(i, length)));
                    i += length;
                    break;
                case 5:
                    fields.Add(new Field(number, BitConverter.ToUInt32(span.Slice(i, 4)), default));
                    i += 4;
                    break;
                default:
                    throw new FormatException($"Unsupported wire type in tag {tag}");
            }
        }

        return fields;
    }

    private static ulong Varint(ReadOnlySpan<byte> span, ref int i)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = span[i++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
