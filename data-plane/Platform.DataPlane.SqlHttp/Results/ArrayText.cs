using System.Buffers;
using System.Text.Json;

namespace Platform.DataPlane.SqlHttp.Results;

/// <summary>
/// Reads PostgreSQL's array text output (<c>{1,NULL,"a \"b\""}</c>, <c>{{1,2},{3,4}}</c>, <c>[0:1]={1,2}</c>)
/// and writes nested JSON arrays whose elements follow the element type's mapping.
/// </summary>
internal static class ArrayText
{
    public static void Write(Utf8JsonWriter json, ColumnFormat format, ReadOnlySpan<byte> text)
    {
        var position = 0;
        // Arrays whose lower bound is not 1 are prefixed with their dimensions; JSON has no place for them.
        if (text.Length > 0 && text[0] == '[')
        {
            position = text.IndexOf((byte)'=') + 1;
        }

        var scratch = ArrayPool<byte>.Shared.Rent(Math.Max(text.Length, 1));
        try
        {
            WriteDimension(json, format.Element!, format.Delimiter, text, ref position, scratch);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static void WriteDimension(Utf8JsonWriter json, ColumnFormat element, byte delimiter, ReadOnlySpan<byte> text, ref int position, byte[] scratch)
    {
        json.WriteStartArray();
        position++; // '{'
        if (text[position] == '}')
        {
            position++;
            json.WriteEndArray();
            return;
        }

        while (true)
        {
            var c = text[position];
            if (c == '{')
            {
                WriteDimension(json, element, delimiter, text, ref position, scratch);
            }
            else if (c == '"')
            {
                var length = Unquote(text, ref position, scratch);
                ValueWriter.Write(json, element, scratch.AsSpan(0, length));
            }
            else
            {
                var start = position;
                while (text[position] != delimiter && text[position] != '}')
                {
                    position++;
                }

                var value = text[start..position];
                if (value.Length == 4 && System.Text.Ascii.EqualsIgnoreCase(value, "NULL"u8))
                {
                    json.WriteNullValue();
                }
                else
                {
                    ValueWriter.Write(json, element, value);
                }
            }

            if (text[position++] == '}')
            {
                break;
            }
        }

        json.WriteEndArray();
    }

    private static int Unquote(ReadOnlySpan<byte> text, ref int position, byte[] scratch)
    {
        var length = 0;
        position++; // opening quote
        while (text[position] != '"')
        {
            if (text[position] == '\\')
            {
                position++;
            }

            scratch[length++] = text[position++];
        }

        position++; // closing quote
        return length;
    }
}
