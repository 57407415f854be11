namespace Platform.Gateway.Routing;

/// <summary>
/// Wildcard-host routing: with Platform:Gateway:WildcardHost set to, say, api.example.com, a request to
/// {projectId}.api.example.com names its project by host, as /projects/{projectId}/… does by path. Hosts outside the
/// wildcard (the bare host, an IP address) are served as before, and so are api.&lt;wildcard&gt; and apiauth.&lt;wildcard&gt;,
/// the hosts Neon's driver calls by default.
/// </summary>
internal sealed class ProjectHosts(IConfiguration configuration)
{
    public const string Setting = "Platform:Gateway:WildcardHost";

    private readonly string? suffix = configuration[Setting] is { Length: > 0 } host ? "." + host.Trim().Trim('.') : null;

    /// <summary>
    /// The project the host names (null when it names none), or false with the reason when the host is under the
    /// wildcard but its first label cannot be a project id.
    /// </summary>
    public bool TryGetProject(HostString host, out string? projectId, out string? problem)
    {
        projectId = null;
        problem = null;
        if (suffix is null)
        {
            return true;
        }

        // HostString.Host cuts off the port, which allocates: only done when a wildcard is configured.
        var name = host.Host;
        if (name.EndsWith('.'))
        {
            // "id.api.example.com." is the same name, fully qualified; unmatched it would be served as the key's project.
            name = name[..^1];
        }

        if (name.Length <= suffix.Length || !name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var label = name[..^suffix.Length];
        if (IsDriverEndpoint(label))
        {
            return true;
        }

        if (!IsDnsLabel(label))
        {
            problem = $"The host must be <project id>{suffix}, with the project id as one DNS label.";
            return false;
        }

        // Project ids are UUIDs, which are DNS labels too (36 characters of hex digits and hyphens).
        if (!Guid.TryParseExact(label, "D", out var id))
        {
            problem = $"'{label}' is not a project id.";
            return false;
        }

        projectId = id.ToString();
        return true;
    }

    /// <summary>
    /// Neon's driver sends to https://api.&lt;rest of the database host&gt;/sql by default (apiauth. with an auth token):
    /// with the database host {projectId}.&lt;wildcard&gt;, that is api.&lt;wildcard&gt;, served as the short form (the key names the project).
    /// </summary>
    private static bool IsDriverEndpoint(string label) =>
        label.Equals("api", StringComparison.OrdinalIgnoreCase) || label.Equals("apiauth", StringComparison.OrdinalIgnoreCase);

    /// <summary>RFC 1123: 1–63 letters, digits and hyphens, not starting or ending with a hyphen.</summary>
    public static bool IsDnsLabel(string label) =>
        label.Length is >= 1 and <= 63
        && label[0] != '-' && label[^1] != '-'
        && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
