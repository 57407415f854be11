using System.Buffers;
using System.Text;
using System.Text.Json;
using Platform.DataPlane.Execution.Http;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Http;

/// <summary>
/// The data body is written straight into an array of its exact size: the same bytes a JSON writer makes, and the
/// field values copied once (no growing buffer copied out after).
/// </summary>
[Trait("Tier", "Fast")]
public sealed class ResponseWriterTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("allItems _second x1")]
    [InlineData("a é-not-a-name")]
    public void Data_is_what_a_JSON_writer_writes(string names)
    {
        var keys = names.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var fields = keys.Select((k, i) => (k, i % 2 == 1 ? (ReadOnlyMemory<byte>?)null : Encoding.UTF8.GetBytes($$"""{"n":{{i}},"s":"\u00e9"}"""))).ToList();

        var expected = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(expected, new JsonWriterOptions { SkipValidation = true }))
        {
            w.WriteStartObject();
            w.WritePropertyName("data");
            w.WriteStartObject();
            foreach (var (key, json) in fields)
            {
                w.WritePropertyName(key);
                if (json is { } value)
                {
                    w.WriteRawValue(value.Span, skipInputValidation: true);
                }
                else
                {
                    w.WriteNullValue();
                }
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        Assert.Equal(Encoding.UTF8.GetString(expected.WrittenSpan), Encoding.UTF8.GetString(ResponseWriter.Data(fields)));
    }

    [Fact]
    public void A_large_value_is_copied_once()
    {
        var value = Encoding.UTF8.GetBytes("\"" + new string('x', 4 * 1024 * 1024) + "\"");
        var fields = new List<(string, ReadOnlyMemory<byte>?)> { ("big", value) };
        ResponseWriter.Data(fields);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var body = ResponseWriter.Data(fields);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The body itself and a few bytes more; a buffer copied out would double it.
        Assert.Equal("""{"data":{"big":}}"""u8.Length + value.Length, body.Length);
        Assert.True(allocated < value.Length + (64 * 1024), $"{allocated} bytes allocated for a {value.Length}-byte body");
    }
}
