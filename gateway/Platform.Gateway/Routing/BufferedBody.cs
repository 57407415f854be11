using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace Platform.Gateway.Routing;

/// <summary>
/// A request body read whole before forwarding. Every body is: the internal signature covers it (decision 0087), so
/// the gateway must know it before it sends the headers; and it is at most the project's body limit (1 MiB by default),
/// which Kestrel enforces while it is read. Held as it arrived, in a pooled array: the hash and the send read it where it
/// lies. A body read first also goes out with its headers in one write (<see cref="BufferedBodyHandler"/>) and can be
/// replayed to another silo without ASP.NET Core's file-backed buffering.
/// </summary>
internal sealed class BufferedBody : IDisposable
{
    /// <summary>The first buffer for a body without a Content-Length; it doubles as the body grows.</summary>
    private const int ChunkedStart = 16 * 1024;

    public static readonly HttpRequestOptionsKey<ReadOnlyMemory<byte>> OptionsKey = new("platform.buffered-body");

    private byte[]? rented;

    private BufferedBody(byte[] rented, int length)
    {
        this.rented = rented;
        Memory = rented.AsMemory(0, length);
    }

    public ReadOnlyMemory<byte> Memory { get; }

    /// <summary>Whether the request has a body: a Content-Length above zero, or chunked.</summary>
    public static bool Applies(HttpRequest request) =>
        request.ContentLength is > 0
        || (request.ContentLength is null && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true);

    /// <summary>
    /// Reads the whole body; Kestrel's exceptions (client gone, body shorter than announced, over the request's
    /// MaxRequestBodySize, slower than its minimum rate) pass through.
    /// </summary>
    public static async Task<BufferedBody> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is { } announced)
        {
            // Admission refused a length over the project's limit before the body was read.
            var length = (int)announced;
            var buffer = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                await request.Body.ReadExactlyAsync(buffer.AsMemory(0, length), ct);
                return new BufferedBody(buffer, length);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }

        return await ReadChunkedAsync(request.Body, ct);
    }

    private static async Task<BufferedBody> ReadChunkedAsync(Stream body, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkedStart);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var n = await body.ReadAsync(buffer.AsMemory(length), ct);
                if (n == 0)
                {
                    return new BufferedBody(buffer, length);
                }

                length += n;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref rented, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
