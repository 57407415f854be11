using System.Buffers;
using System.Text.Json;
using Npgsql;
using Platform.DataPlane.SqlHttp.Neon;
using Platform.DataPlane.SqlHttp.Requests;

namespace Platform.DataPlane.SqlHttp.Results;

/// <summary>
/// Streams one statement's result into the body: <c>{"fields", "rows", "rowCount", "command"}</c>, in Neon's shape
/// with every RowDescription attribute in <c>fields</c> and <c>rowAsArray</c>. With raw text output each value is
/// PostgreSQL's text copied into a JSON string as it arrived: nothing is parsed or printed again.
/// The reader runs with sequential access, so a value's length is known before it is read and an oversized one
/// is refused without being buffered.
/// </summary>
internal static class ResultWriter
{
    public static async Task WriteAsync(NpgsqlDataReader reader, NpgsqlCommand command, StatementRequest statement, NeonHeaders neon, ResponseBuffer output, CancellationToken ct)
    {
        var json = output.Json;
        var columns = ResultColumns.Of(reader, neon.RawText);
        json.WriteStartObject();
        if (neon.NeonShape)
        {
            WriteNeonFields(json, reader, columns);
        }
        else
        {
            WriteFields(json, reader, columns);
        }

        json.WritePropertyName("rows"u8);
        json.WriteStartArray();
        while (await reader.ReadAsync(ct))
        {
            await WriteRowAsync(reader, columns, statement.ArrayMode, output, ct);
            output.EnsureWithinLimit();
        }

        json.WriteEndArray();

        // Npgsql marks NpgsqlCommand.Statements obsolete in favour of NpgsqlBatch, but a batch cannot ask for text-format
        // results; the statement's parsed command tag is only exposed here.
#pragma warning disable CS0618
        var executed = command.Statements;
#pragma warning restore CS0618
        if (executed.Count != 1 || await reader.NextResultAsync(ct))
        {
            throw new BadRequestException("A query holds one statement; send several as \"queries\", which run in one transaction.");
        }

        var type = executed[0].StatementType;
        if (CommandVerb.RowCount(type, executed[0].Rows) is { } rowCount)
        {
            json.WriteNumber("rowCount"u8, rowCount);
        }
        else
        {
            json.WriteNull("rowCount"u8);
        }

        json.WriteString("command"u8, CommandVerb.Of(type, statement.Scan));
        if (neon.NeonShape)
        {
            json.WriteBoolean("rowAsArray"u8, statement.ArrayMode);
        }

        json.WriteEndObject();
    }

    private static void WriteFields(Utf8JsonWriter json, NpgsqlDataReader reader, ResultColumns columns)
    {
        json.WritePropertyName("fields"u8);
        json.WriteStartArray();
        for (var i = 0; i < columns.Names.Length; i++)
        {
            json.WriteStartObject();
            json.WriteString("name"u8, columns.Names[i]);
            json.WriteNumber("dataTypeID"u8, reader.GetDataTypeOID(i));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>node-postgres's FieldDef, as Neon sends it; the format is always text, which is how results are requested.</summary>
    private static void WriteNeonFields(Utf8JsonWriter json, NpgsqlDataReader reader, ResultColumns columns)
    {
        json.WritePropertyName("fields"u8);
        json.WriteStartArray();
        for (var i = 0; i < columns.Names.Length; i++)
        {
            var (tableId, columnId, typeSize, typeModifier) = FieldDescriptions.Of(reader, i);
            json.WriteStartObject();
            json.WriteString("name"u8, columns.Names[i]);
            json.WriteNumber("tableID"u8, tableId);
            json.WriteNumber("columnID"u8, columnId);
            json.WriteNumber("dataTypeID"u8, reader.GetDataTypeOID(i));
            json.WriteNumber("dataTypeSize"u8, typeSize);
            json.WriteNumber("dataTypeModifier"u8, typeModifier);
            json.WriteString("format"u8, "text"u8);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static async Task WriteRowAsync(NpgsqlDataReader reader, ResultColumns columns, bool arrayMode, ResponseBuffer output, CancellationToken ct)
    {
        var json = output.Json;
        if (arrayMode)
        {
            json.WriteStartArray();
        }
        else
        {
            json.WriteStartObject();
        }

        for (var i = 0; i < columns.Names.Length; i++)
        {
            // With sequential access, skipping a column costs nothing; it is never read.
            if (!arrayMode && !columns.LastWithName[i])
            {
                continue;
            }

            if (!arrayMode)
            {
                json.WritePropertyName(columns.Names[i]);
            }

            await WriteValueAsync(reader, i, columns.Formats[i], output, ct);
        }

        if (arrayMode)
        {
            json.WriteEndArray();
        }
        else
        {
            json.WriteEndObject();
        }
    }

    private static async Task WriteValueAsync(NpgsqlDataReader reader, int ordinal, ColumnFormat format, ResponseBuffer output, CancellationToken ct)
    {
        if (await reader.IsDBNullAsync(ordinal, ct))
        {
            output.Json.WriteNullValue();
            return;
        }

        await using var stream = await reader.GetStreamAsync(ordinal, ct);
        var length = (int)stream.Length;
        output.EnsureRoom(format.MinimumJsonLength(length));
        var text = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            await stream.ReadExactlyAsync(text.AsMemory(0, length), ct);
            ValueWriter.Write(output.Json, format, text.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(text);
        }
    }
}
