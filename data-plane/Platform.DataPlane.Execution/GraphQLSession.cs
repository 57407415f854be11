namespace Platform.DataPlane.Execution;

/// <summary>
/// Who the request runs as, PostGraphile style: <paramref name="Role"/> becomes the transaction's role and each
/// setting (for instance <c>jwt.claims.sub</c>) a transaction-local <c>current_setting</c>, so row-level security
/// policies see them. Names and values travel as parameters.
/// </summary>
public sealed record GraphQLSession(string? Role, IReadOnlyDictionary<string, string>? Settings = null)
{
    public bool IsEmpty => Role is null && (Settings is null || Settings.Count == 0);
}
