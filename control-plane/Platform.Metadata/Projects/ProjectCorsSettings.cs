namespace Platform.Metadata.Projects;

/// <summary>Which browser origins may call the project's endpoints (the "cors" section of the settings).</summary>
public sealed record ProjectCorsSettings
{
    /// <summary>
    /// Origins such as <c>https://app.example.com</c>; null (or a list holding <c>*</c>) means any origin, without
    /// credentials, as PostGraphile's <c>--cors</c>.
    /// </summary>
    public IReadOnlyList<string>? AllowedOrigins { get; init; }

    public bool AllowsAnyOrigin => AllowedOrigins is null || AllowedOrigins.Contains("*");

    /// <summary>An origin is compared as browsers send it: scheme, host and port, case-insensitively.</summary>
    public bool Allows(string origin) =>
        AllowsAnyOrigin || AllowedOrigins!.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));

    public void Validate(List<string> problems)
    {
        foreach (var origin in AllowedOrigins ?? [])
        {
            if (origin == "*")
            {
                continue;
            }

            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.PathAndQuery != "/" || origin.TrimEnd('/').Length != uri.GetLeftPart(UriPartial.Authority).Length)
            {
                problems.Add($"cors.allowedOrigins: '{origin}' is not an origin (scheme://host[:port], no path)");
            }
        }
    }
}
