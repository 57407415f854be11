using Platform.Metadata.Projects;

namespace Platform.ControlPlane.Hosting;

/// <summary>Platform:ControlPlane configuration, validated at start.</summary>
public sealed class ControlPlaneOptions
{
    public const string Section = "Platform:ControlPlane";

    /// <summary>The portal's origin: links in mail (confirmations, resets, invitations) point there.</summary>
    public string PortalUrl { get; set; } = "http://127.0.0.1:5300";

    /// <summary>The gateway's public URL, shown as each project's endpoints.</summary>
    public string GatewayUrl { get; set; } = "http://127.0.0.1:5000";

    /// <summary>Browser origins allowed to call /api and /connect/token.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Emails of operators: only they see the Hangfire dashboard.</summary>
    public string[] Operators { get; set; } = [];

    /// <summary>Tenant databases on loopback or private addresses are accepted (Development and tests only).</summary>
    public bool? AllowPrivateTenantHosts { get; set; }

    /// <summary>Private networks (CIDR) the deployment keeps tenant databases on; other internal addresses stay refused.</summary>
    public string[] AllowedTenantNetworks { get; set; } = [];

    /// <summary>A hosts-format file whose names resolve before DNS for tenant databases (the silos' TenantHostsFile).</summary>
    public string? TenantHostsFile { get; set; }

    /// <summary>The tenant host policy as these options set it.</summary>
    public TenantHostGuard HostGuard() => new(
        TenantHostsFile is { Length: > 0 } file ? new HostsFileTenantHostResolver(file, DnsTenantHostResolver.Instance) : DnsTenantHostResolver.Instance,
        AllowPrivateTenantHosts == true, TenantHostGuard.ParseNetworks(AllowedTenantNetworks));

    /// <summary>Accept tenant logins with SUPERUSER, CREATEROLE... as the data plane's AllowPrivilegedTenantLogins does (tests reach throwaway databases as superuser).</summary>
    public bool AllowPrivilegedTenantLogins { get; set; }

    public bool RequireConfirmedEmail { get; set; }

    public OidcClientOptions Portal { get; set; } = new();

    public DeploymentOptions Deployments { get; set; } = new();
}
