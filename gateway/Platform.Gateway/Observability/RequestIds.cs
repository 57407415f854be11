using System.Diagnostics;

namespace Platform.Gateway.Observability;

public static class RequestIds
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

        return Activity.Current?.TraceId.ToHexString() is { } trace && trace != "00000000000000000000000000000000"
            ? trace + "-" + Guid.NewGuid().ToString("N")[..8]
            : Guid.NewGuid().ToString("N");
    }

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
