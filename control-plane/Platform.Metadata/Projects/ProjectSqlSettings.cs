namespace Platform.Metadata.Projects;

/// <summary>How <c>/sql</c> serves the project (the "sql" section of the settings).</summary>
public sealed record ProjectSqlSettings
{
    /// <summary>
    /// Anon keys may use <c>/sql</c> with a valid end-user JWT; each statement or batch then runs in a transaction as the
    /// token's role with its claims as <c>jwt.claims.*</c>, so row-level security decides. Off by default: see decision 0025.
    /// </summary>
    public bool AllowEndUserTokens { get; init; }
}
