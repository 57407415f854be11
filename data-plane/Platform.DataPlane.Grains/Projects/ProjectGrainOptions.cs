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
    /// Skips <see cref="Platform.Metadata.Projects.TenantLoginPolicy"/>: for test suites whose throwaway databases are
    /// reached as their own throwaway cluster's superuser. Never in a deployment, where a service key would own the
    /// cluster.
    /// </summary>
    public bool AllowPrivilegedTenantLogins { get; set; }
}
