using System.Text.Encodings.Web;
using System.Text.Json;
using Npgsql;

namespace Platform.DataPlane.SqlHttp.Results;

/// <summary>Per-result column facts, computed once rather than per row.</summary>
internal sealed record ResultColumns(JsonEncodedText[] Names, ColumnFormat[] Formats, bool[] LastWithName)
{
    /// <param name="rawText">Every value as PostgreSQL's text in a JSON string, whatever its type (Neon-Raw-Text-Output).</param>
    public static ResultColumns Of(NpgsqlDataReader reader, bool rawText = false)
    {
        var count = reader.FieldCount;
        var names = new JsonEncodedText[count];
        var formats = new ColumnFormat[count];
        var lastWithName = new bool[count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = count - 1; i >= 0; i--)
        {
            var name = reader.GetName(i);
            names[i] = JsonEncodedText.Encode(name, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
            formats[i] = rawText ? ColumnFormat.Text : ColumnFormats.For(reader.GetPostgresType(i));
            // Like node-postgres, the last column of a name wins in object rows; arrayMode keeps them all.
            lastWithName[i] = seen.Add(name);
        }

        return new ResultColumns(names, formats, lastWithName);
    }
}
