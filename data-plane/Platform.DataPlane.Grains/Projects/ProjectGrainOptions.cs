namespace Platform.DataPlane.Grains.Projects;

/// <summary>Silo-wide knobs for project grains (configuration section Platform:Silo:Projects).</summary>
public sealed class ProjectGrainOptions
{
    /// <summary>
    /// How often an active project polls its catalog version for DDL changes. The design asks for changes within 2 s;
    /// half a second leaves room for the rebuild on a busy machine, and the probe is one small catalog query.
    /// </summary>
    public TimeSpan SchemaPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>An idle project deactivates (and closes its pool) after this long without calls.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Whether a project's database may be on a loopback, private or link-local address (<see cref="Platform.Metadata.Projects.TenantHostPolicy"/>).
    /// Unset, the silo allows it in Development (local runs and tests keep tenant databases on 127.0.0.1) and refuses
    /// it otherwise; a deployment whose tenants' databases sit on its own private network sets it.
    /// </summary>
    public bool? AllowPrivateTenantHosts { get; set; }

    /// <summary>
    /// Private networks (CIDR, e.g. 10.20.0.0/16) where this deployment keeps tenant databases: allowed while every
    /// other internal address stays refused. Narrower than <see cref="AllowPrivateTenantHosts"/>.
    /// </summary>
    public string[] AllowedTenantNetworks { get; set; } = [];

    /// <summary>
    /// A hosts-format file (address, then names) whose names resolve before DNS for tenant databases; read again when it
    /// changes. For split-horizon names an operator pins, and for tests that move a name while the platform runs.
    /// </summary>
    public string? TenantHostsFile { get; set; }

    /// <summary>
    /// How often an active project resolves its database host again when addresses are pinned (outside Development):
    /// a name that moves to another allowed address is followed, one that moves to a refused address is refused.
    /// </summary>
    public TimeSpan TenantHostRecheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The tenant host policy as these options set it (one per silo: the hosts file is read once per change).</summary>
    public Platform.Metadata.Projects.TenantHostGuard HostGuard() => new(
        TenantHostsFile is { Length: > 0 } file
            ? new Platform.Metadata.Projects.HostsFileTenantHostResolver(file, Platform.Metadata.Projects.DnsTenantHostResolver.Instance)
            : Platform.Metadata.Projects.DnsTenantHostResolver.Instance,
        AllowPrivateTenantHosts == true, Platform.Metadata.Projects.TenantHostGuard.ParseNetworks(AllowedTenantNetworks));

    /// <summary>
    /// How long a project keeps a WebSocket's subscriptions without hearing from its silo. Sockets renew at a third of
    /// it, so a socket lost with its silo is forgotten within this time.
    /// </summary>
    public TimeSpan SocketLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Skips <see cref="Platform.Metadata.Projects.TenantLoginPolicy"/>: for test suites whose throwaway databases are
    /// reached as their own throwaway cluster's superuser. Never in a deployment, where a service key would own the
    /// cluster.
    /// </summary>
    public bool AllowPrivilegedTenantLogins { get; set; }
}
