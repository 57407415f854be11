namespace Platform.Metadata.Projects;

/// <summary>
/// What <see cref="TenantHostGuard"/> found for a connection string: refused (a code and a reason for the project's
/// owner), or allowed with the checked addresses to connect to. <see cref="PinnedHost"/> is null when nothing is
/// pinned (the guard allows every address, as in Development); <see cref="NameOf"/> maps each pinned address back to
/// the name it came from, which TLS still verifies the certificate against and sends as SNI.
/// </summary>
public sealed record TenantHostVerdict(string? Code, string? Reason, string? PinnedHost, IReadOnlyDictionary<string, string> NameOf)
{
    public static readonly TenantHostVerdict Unpinned = new(null, null, null, new Dictionary<string, string>());

    public bool Refused => Code is not null;

    /// <summary>Same outcome and same addresses: nothing to rebuild.</summary>
    public bool SameAs(TenantHostVerdict other) =>
        Code == other.Code && PinnedHost == other.PinnedHost;
}
