namespace Platform.Metadata.Projects;

/// <summary>
/// What <see cref="TenantLoginPolicy"/> decided about a tenant login: refused (with the reason, for the project's
/// owner), allowed with a warning to log, or safe. The stable error code is <see cref="Code"/>.
/// </summary>
public sealed record TenantLoginVerdict(string? Refusal, string? Warning)
{
    /// <summary>The error code both the control plane (registration) and the data plane (activation) answer with.</summary>
    public const string Code = "DATABASE_LOGIN_REFUSED";

    public static readonly TenantLoginVerdict Safe = new(null, null);

    public bool Refused => Refusal is not null;

    public static TenantLoginVerdict Refuse(string reason) => new(reason, null);

    public static TenantLoginVerdict Warn(string warning) => new(null, warning);
}
