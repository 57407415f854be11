using Platform.DataPlane.Execution;

namespace Platform.DataPlane.SqlHttp.Neon;

/// <summary>
/// Who a request runs as and how it wants its answer, beside its body.
/// </summary>
/// <param name="Headers">The request's <c>Neon-*</c> headers by name (any case); null or empty means none.</param>
/// <param name="Session">
/// The role and <c>jwt.claims.*</c> settings the statements run under, made by the grain's JWT verification; with
/// one, a single query also runs in a transaction, because the settings are transaction-local.
/// </param>
/// <param name="EndUser">
/// The session comes from an end-user token: statements that could change the role or the claims (<c>SET</c>,
/// <c>RESET</c>, <c>DO</c>, <c>set_config</c>) are refused, so the SQL cannot step out of what the token grants.
/// </param>
public sealed record SqlHttpContext(IReadOnlyDictionary<string, string>? Headers = null, GraphQLSession? Session = null, bool EndUser = false)
{
    public static readonly SqlHttpContext Default = new();

    internal NeonHeaders ReadHeaders()
    {
        if (Headers is null || Headers.Count == 0)
        {
            return NeonHeaders.None;
        }

        return NeonHeaders.From(name => Headers.TryGetValue(name, out var v) ? v
            : Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value);
    }
}
