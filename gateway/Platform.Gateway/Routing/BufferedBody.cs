using System.Buffers;

namespace Platform.Gateway.Routing;

/// <summary>
/// A small request body read whole before forwarding. YARP streams bodies and flushes the request headers to the silo
/// before the first body byte, so a request crossed loopback as two writes; a body read first goes out with its
/// headers in one write (<see cref="BufferedBodyHandler"/>), and can be replayed to another silo without ASP.NET Core's
/// file-backed buffering. Larger bodies, and bodies without a Content-Length, still stream.
/// </summary>
internal sealed class BufferedBody : IDisposable
{
    /// <summary>GraphQL documents and SQL statements are almost always well under this.</summary>
    public const int MaxBytes = 64 * 1024;

    public static readonly HttpRequestOptionsKey<ReadOnlyMemory<byte>> OptionsKey = new("platform.buffered-body");

    private byte[]? rented;

    private BufferedBody(byte[] rented, int length)
    {
        this.rented = rented;
        Memory = rented.AsMemory(0, length);
    }

    public ReadOnlyMemory<byte> Memory { get; }

    /// <summary>Whether the body is small enough, and its length known, so it is read whole.</summary>
    public static bool Applies(HttpRequest request) => request.ContentLength is > 0 and <= MaxBytes;

    /// <summary>Reads the whole body; Kestrel's exceptions (client gone, body shorter than announced, over the limit) pass through.</summary>
    public static async Task<BufferedBody> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var length = (int)request.ContentLength!.Value;
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

    public void Dispose()
    {
        if (Interlocked.Exchange(ref rented, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
