using Platform.DataPlane.Execution;

namespace Platform.DataPlane.Grains.Projects;

/// <summary>
/// The live schema lives in <see cref="SchemaLifecycle"/>; the grain only owns the timer that polls it, since timers
/// are Orleans'.
/// </summary>
public sealed partial class ProjectGrain
{
    private SchemaLifecycle schema = null!;
    private IGrainTimer? watcher;

    private void StartSchemaWatcher()
    {
        // Interleaved and not keeping the grain alive: polling must neither block requests nor prevent idle deactivation.
        watcher = this.RegisterGrainTimer(
            ct =>
            {
                KeepAliveForLocalRequests();
                // A refused host gets no connection, not even the watcher's.
                return hostRefusal is null ? schema.RefreshAsync(force: false, ct) : Task.CompletedTask;
            },
            new GrainTimerCreationOptions(Options.SchemaPollInterval, Options.SchemaPollInterval) { Interleave = true, KeepAlive = false });
    }

    private GraphQLService? Service => schema?.Service;
}
