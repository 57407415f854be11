namespace Platform.Errors;

/// <summary>
/// The fields of a PostgreSQL error report (protocol ErrorResponse) that may go back to the tenant's own clients.
/// Null or absent fields are left out of every rendering.
/// </summary>
public sealed record PostgresErrorFields(string SqlState)
{
    public string? Severity { get; init; }

    public string? Detail { get; init; }

    public string? Hint { get; init; }

    public int? Position { get; init; }

    public int? InternalPosition { get; init; }

    public string? InternalQuery { get; init; }

    public string? Where { get; init; }

    public string? Schema { get; init; }

    public string? Table { get; init; }

    public string? Column { get; init; }

    public string? DataType { get; init; }

    public string? Constraint { get; init; }

    public string? File { get; init; }

    public string? Line { get; init; }

    public string? Routine { get; init; }
}
