using System.Buffers;
using System.Text;
using Npgsql;

namespace Platform.DataPlane.Execution.Database;

/// <summary>
/// Reads a statement's one JSON column from a sequential reader in chunks, charging each chunk to the request's
/// <see cref="ResponseBudget"/>: memory stays within the cap however large the value PostgreSQL sends, and the read
/// stops at the first chunk past it (the caller cancels the statement).
/// The chunks land in a pooled buffer and the value is copied out at its exact size. Most values are small, and a
/// fresh 64 KiB buffer per value (grown to 128 KiB on the second read) went to the large object heap: on a busy silo
/// that was a gen 2 collection every second request or so.
/// </summary>
internal static class BoundedColumnReader
{
    private const int Chunk = 64 * 1024;

    private const int FirstBuffer = 16 * 1024;

    /// <summary>Buffers up to this size come from the shared pool; larger ones (rare) are plain arrays, not kept after.</summary>
    private const int MaxPooled = 1024 * 1024;

    public static async Task<ReadOnlyMemory<byte>> ReadAsync(NpgsqlDataReader reader, int ordinal, ResponseBudget budget, CancellationToken ct)
    {
        var buffer = new GrowingBuffer(FirstBuffer);
        try
        {
            if (reader.GetDataTypeName(ordinal) is "json" or "text")
            {
                // Both travel as UTF-8 text: the bytes are the answer.
                await using var stream = await reader.GetStreamAsync(ordinal, ct);
                while (true)
                {
                    var read = await stream.ReadAsync(buffer.Free(1, Chunk), ct);
                    if (read == 0)
                    {
                        return buffer.ToArray();
                    }

                    budget.Take(read);
                    buffer.Advance(read);
                }
            }

            // Anything else (jsonb's binary form has a version byte) is read as characters and encoded as it comes.
            using var text = await reader.GetTextReaderAsync(ordinal, ct);
            var encoder = Encoding.UTF8.GetEncoder();
            var chars = ArrayPool<char>.Shared.Rent(Chunk / 4);
            try
            {
                while (true)
                {
                    var count = await text.ReadAsync(chars.AsMemory(0, Chunk / 4), ct);
                    var max = Encoding.UTF8.GetMaxByteCount(count);
                    var bytes = encoder.GetBytes(chars.AsSpan(0, count), buffer.Free(max, max).Span, flush: count == 0);
                    budget.Take(bytes);
                    buffer.Advance(bytes);
                    if (count == 0)
                    {
                        return buffer.ToArray();
                    }
                }
            }
            finally
            {
                ArrayPool<char>.Shared.Return(chars);
            }
        }
        finally
        {
            buffer.Release();
        }
    }

    /// <summary>A buffer that doubles as it fills; pooled while small.</summary>
    private struct GrowingBuffer(int size)
    {
        private byte[] array = ArrayPool<byte>.Shared.Rent(size);
        private int written;

        /// <summary>Free space of at least <paramref name="atLeast"/> bytes, at most <paramref name="atMost"/>.</summary>
        public Memory<byte> Free(int atLeast, int atMost)
        {
            if (array.Length - written < atLeast)
            {
                var grown = Allocate(Math.Max(array.Length * 2, written + atLeast));
                array.AsSpan(0, written).CopyTo(grown);
                Release();
                array = grown;
            }

            return array.AsMemory(written, Math.Min(atMost, array.Length - written));
        }

        public void Advance(int count) => written += count;

        public readonly byte[] ToArray() => array.AsSpan(0, written).ToArray();

        public readonly void Release()
        {
            if (array.Length <= MaxPooled)
            {
                ArrayPool<byte>.Shared.Return(array);
            }
        }

        private static byte[] Allocate(int size) => size <= MaxPooled ? ArrayPool<byte>.Shared.Rent(size) : new byte[size];
    }
}
