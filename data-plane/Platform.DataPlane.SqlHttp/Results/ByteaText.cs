using System.Buffers;

namespace Platform.DataPlane.SqlHttp.Results;

/// <summary>
/// Decodes bytea's text output: hex (<c>\x0102</c>, the default) or the older escape format,
/// which a statement can switch to with <c>SET bytea_output = escape</c>.
/// </summary>
internal static class ByteaText
{
    /// <summary>Decodes into a rented buffer; the caller returns it to <see cref="ArrayPool{T}.Shared"/>.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> text, out int length)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(text.Length, 1));
        length = text.StartsWith(@"\x"u8) ? DecodeHex(text[2..], buffer) : DecodeEscape(text, buffer);
        return buffer;
    }

    private static int DecodeHex(ReadOnlySpan<byte> hex, byte[] buffer)
    {
        var length = hex.Length / 2;
        for (var i = 0; i < length; i++)
        {
            buffer[i] = (byte)((Nibble(hex[2 * i]) << 4) | Nibble(hex[(2 * i) + 1]));
        }

        return length;
    }

    private static int DecodeEscape(ReadOnlySpan<byte> text, byte[] buffer)
    {
        var length = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] != '\\')
            {
                buffer[length++] = text[i++];
            }
            else if (i + 1 < text.Length && text[i + 1] == '\\')
            {
                buffer[length++] = (byte)'\\';
                i += 2;
            }
            else
            {
                buffer[length++] = (byte)(((text[i + 1] - '0') << 6) | ((text[i + 2] - '0') << 3) | (text[i + 3] - '0'));
                i += 4;
            }
        }

        return length;
    }

    private static int Nibble(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
