using System.Buffers;
using System.Text;
using Npgsql;

namespace Platform.DataPlane.Execution.Database;

/// <summary>
/// Reads a statement's one JSON column from a sequential reader in chunks, charging each chunk to the request's
/// <see cref="ResponseBudget"/>: memory stays within the cap however large the value PostgreSQL sends, and the read
/// stops at the first chunk past it (the caller cancels the statement).
/// </summary>
public static class BoundedColumnReader
{
    private const int Chunk = 64 * 1024;

    public static async Task<ReadOnlyMemory<byte>> ReadAsync(NpgsqlDataReader reader, int ordinal, ResponseBudget budget, CancellationToken ct)
    {
        var output = new ArrayBufferWriter<byte>(Chunk);
        if (reader.GetDataTypeName(ordinal) is "json" or "text")
        {
            // Both travel as UTF-8 text: the bytes are the answer.
            await using var stream = await reader.GetStreamAsync(ordinal, ct);
            while (true)
            {
                var read = await stream.ReadAsync(output.GetMemory(Chunk), ct);
                if (read == 0)
                {
                    return output.WrittenMemory;
                }

                budget.Take(read);
                output.Advance(read);
            }
        }

        // Anything else (jsonb's binary form has a version byte) is read as characters and encoded as it comes.
        using var text = await reader.GetTextReaderAsync(ordinal, ct);
        var encoder = Encoding.UTF8.GetEncoder();
        var chars = new char[Chunk / 4];
        while (true)
        {
            var count = await text.ReadAsync(chars, ct);
            var bytes = encoder.GetBytes(chars.AsSpan(0, count), output.GetSpan(Encoding.UTF8.GetMaxByteCount(count)), flush: count == 0);
            budget.Take(bytes);
            output.Advance(bytes);
            if (count == 0)
            {
                return output.WrittenMemory;
            }
        }
    }
}
