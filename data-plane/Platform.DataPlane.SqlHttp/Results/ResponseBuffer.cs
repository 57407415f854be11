using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Platform.DataPlane.SqlHttp.Results;

/// <summary>The success body being written, with the size cap enforced as it grows.</summary>
internal sealed class ResponseBuffer : IDisposable
{
    // Relaxed escaping keeps non-ASCII text as UTF-8 instead of \uXXXX (up to six times larger); the body is JSON, never HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly ArrayBufferWriter<byte> buffer = new(16 * 1024);
    private readonly int maxBytes;

    public ResponseBuffer(int maxBytes)
    {
        this.maxBytes = maxBytes;
        Json = new Utf8JsonWriter(buffer, WriterOptions);
    }

    public Utf8JsonWriter Json { get; }

    private long Size => Json.BytesCommitted + Json.BytesPending;

    /// <summary>Refuses a value before reading it when even its smallest JSON form cannot fit.</summary>
    public void EnsureRoom(long minimumBytes)
    {
        if (Size + minimumBytes > maxBytes)
        {
            throw new ResponseTooLargeException();
        }
    }

    public void EnsureWithinLimit() => EnsureRoom(0);

    public byte[] ToArray()
    {
        Json.Flush();
        EnsureWithinLimit();
        return buffer.WrittenSpan.ToArray();
    }

    public void Dispose() => Json.Dispose();
}
