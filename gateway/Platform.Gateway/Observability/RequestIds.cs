using System.Diagnostics;

namespace Platform.Gateway.Observability;

internal static class RequestIds
{
    public const string Header = "X-Request-Id";
    private const int MaxLength = 128;

    /// <summary>The client's id when it is short and plain (so it is safe in logs and headers), else a fresh one.</summary>
    public static string AcceptOrCreate(string? given)
    {
        if (given is { Length: > 0 and <= MaxLength } && IsPlain(given))
        {
            return given;
        }

        // "<trace id>-<8 random hex>", written once into the final string: this runs for nearly every request. The
        // random part is not from Guid.NewGuid, which on Linux reads the kernel's random device (a system call per
        // request, seen in strace): an id must be unique, not secret.
        return Activity.Current is { } activity && activity.TraceId != default
            ? string.Create(TraceLength + 1 + 8, activity.TraceId, static (chars, trace) =>
            {
                Span<byte> bytes = stackalloc byte[16];
                trace.CopyTo(bytes);
                Convert.TryToHexStringLower(bytes, chars, out _);
                chars[TraceLength] = '-';
                Random.Shared.NextBytes(bytes[..4]);
                Convert.TryToHexStringLower(bytes[..4], chars[(TraceLength + 1)..], out _);
            })
            : string.Create(TraceLength, 0, static (chars, _) =>
            {
                Span<byte> bytes = stackalloc byte[16];
                Random.Shared.NextBytes(bytes);
                Convert.TryToHexStringLower(bytes, chars, out _);
            });
    }

    private const int TraceLength = 32;

    private static bool IsPlain(string id)
    {
        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
