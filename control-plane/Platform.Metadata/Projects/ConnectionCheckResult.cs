namespace Platform.Metadata.Projects;

/// <summary>The outcome of a live connection check: either the server's facts or one stable code with a reason.</summary>
public sealed record ConnectionCheckResult(string? Code, string? Message, string? ServerVersion = null, string? Database = null, string? Username = null)
{
    public bool Ok => Code is null;

    public static ConnectionCheckResult Fail(string code, string message) => new(code, message);
}
