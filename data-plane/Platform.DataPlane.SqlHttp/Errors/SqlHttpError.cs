namespace Platform.DataPlane.SqlHttp.Errors;

/// <summary>One error answer. PostgreSQL's fields are filled for database errors and omitted from the body when null.</summary>
internal sealed record SqlHttpError(int StatusCode, string Code, string Message)
{
    public int? StatementIndex { get; init; }

    public int? RetryAfterSeconds { get; init; }

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
