using System.Data;

namespace Platform.DataPlane.SqlHttp.Neon;

/// <summary>
/// What a request's <c>Neon-*</c> headers ask for, as <c>@neondatabase/serverless</c> sends them: the answer in
/// Neon's shape (any of these headers present), values as PostgreSQL's own text, rows as arrays, and a batch's
/// transaction mode. A request with none of them gets the platform's typed-JSON answer.
/// </summary>
public sealed record NeonHeaders
{
    public const string RawTextOutput = "Neon-Raw-Text-Output";
    public const string ArrayMode = "Neon-Array-Mode";
    public const string BatchIsolationLevel = "Neon-Batch-Isolation-Level";
    public const string BatchReadOnly = "Neon-Batch-Read-Only";
    public const string BatchDeferrable = "Neon-Batch-Deferrable";

    /// <summary>Every header this record reads, for hosts that forward them one by one.</summary>
    public static readonly IReadOnlyList<string> Names = [RawTextOutput, ArrayMode, BatchIsolationLevel, BatchReadOnly, BatchDeferrable];

    /// <summary>No Neon header: the platform's typed-JSON answer.</summary>
    public static readonly NeonHeaders None = new();

    /// <summary>Answer in Neon's shape: full <c>fields</c> and <c>rowAsArray</c>.</summary>
    public bool NeonShape { get; init; }

    /// <summary>Every value as PostgreSQL's text output in a JSON string (the driver parses it with pg-types).</summary>
    public bool RawText { get; init; }

    /// <summary>Rows as arrays; a statement's own <c>arrayMode</c> in the body still wins.</summary>
    public bool ArrayRows { get; init; }

    public IsolationLevel? Isolation { get; init; }

    public bool? ReadOnly { get; init; }

    public bool? Deferrable { get; init; }

    /// <summary>Reads the headers; a value the driver would never send is a <see cref="FormatException"/> naming the header.</summary>
    public static NeonHeaders From(Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var values = Names.Select(header).ToArray();
        if (values.All(string.IsNullOrEmpty))
        {
            return None;
        }

        return new NeonHeaders
        {
            NeonShape = true,
            RawText = Flag(RawTextOutput, values[0]) ?? false,
            ArrayRows = Flag(ArrayMode, values[1]) ?? false,
            Isolation = ParseIsolation(values[2]),
            ReadOnly = Flag(BatchReadOnly, values[3]),
            Deferrable = Flag(BatchDeferrable, values[4]),
        };
    }

    private static bool? Flag(string name, string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "true" => true,
        "false" => false,
        _ => throw new FormatException($"{name} must be true or false."),
    };

    private static IsolationLevel? ParseIsolation(string? value) => value?.Trim() switch
    {
        null or "" => null,
        "ReadUncommitted" => IsolationLevel.ReadUncommitted,
        "ReadCommitted" => IsolationLevel.ReadCommitted,
        "RepeatableRead" => IsolationLevel.RepeatableRead,
        "Serializable" => IsolationLevel.Serializable,
        _ => throw new FormatException($"{BatchIsolationLevel} must be ReadUncommitted, ReadCommitted, RepeatableRead or Serializable."),
    };
}
