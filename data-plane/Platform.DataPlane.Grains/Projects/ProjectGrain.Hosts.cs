using Microsoft.Extensions.Logging;

namespace Platform.DataPlane.Grains.Projects;

/// <summary>
/// The pool connects to the addresses the host policy checked (<see cref="Platform.Metadata.Projects.TenantHostGuard"/>),
/// so a name that moves cannot take new connections anywhere unchecked. Names do move (failover, migrations): the
/// grain resolves again on a timer and, when the answer changed, takes the project again through
/// <see cref="Reconfigure"/>: new allowed addresses get a new pool, a refused or unresolvable answer refuses requests,
/// and a host that was refused is served once it resolves to an allowed address.
/// </summary>
public sealed partial class ProjectGrain
{
    private IGrainTimer? hostRecheck;

    private void StartHostRecheck()
    {
        if (Options.AllowPrivateTenantHosts == true)
        {
            // Development: nothing is pinned, the driver resolves.
            return;
        }

        hostRecheck = this.RegisterGrainTimer(
            async ct =>
            {
                var now = await hostGuard.CheckAsync(config.ConnectionString, ct);
                if (!now.SameAs(hosts))
                {
                    log.LogWarning("Project {ProjectId}: its database host now resolves differently ({Verdict}); taking it again",
                        projectTag, now.Reason ?? now.PinnedHost);
                    await Reconfigure();
                }
            },
            new GrainTimerCreationOptions(Options.TenantHostRecheckInterval, Options.TenantHostRecheckInterval) { Interleave = true, KeepAlive = false });
    }
}
