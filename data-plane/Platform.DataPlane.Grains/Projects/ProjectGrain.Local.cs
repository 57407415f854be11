using System.Diagnostics;
using Platform.DataPlane.Abstractions.Projects;

namespace Platform.DataPlane.Grains.Projects;

/// <summary>
/// Serving a request on the silo that holds the activation, outside a grain turn (see <see cref="LocalProjectGrains"/>).
/// Only the steady state takes this path: the login checked and allowed, the host not refused, a schema built. It reads
/// state that grain turns write (references, read whole); anything that needs a turn (the first login check, a schema
/// build, a degraded project's answers) goes through Orleans. Requests served here do not count as grain calls, so the
/// schema watcher's tick keeps the activation alive while they come; deactivation waits for those in flight before the
/// pool closes.
/// </summary>
public sealed partial class ProjectGrain
{
    private static readonly TimeSpan LocalDrainLimit = TimeSpan.FromSeconds(30);

    private volatile bool servingLocally;
    private int localInFlight;
    private int localSinceTick;

    /// <summary>The answer, or null when this request must go through Orleans.</summary>
    public Task<HttpResult>? TryExecuteLocally(GraphQLCall call, CancellationToken cancellationToken = default)
    {
        var service = Service;
        if (!servingLocally || service is null || hostRefusal is not null || !loginChecked || loginRefusal is not null)
        {
            return null;
        }

        Interlocked.Increment(ref localInFlight);
        if (!servingLocally)
        {
            // Deactivation began between the check and the count: it may not wait for this request, so Orleans serves it.
            Interlocked.Decrement(ref localInFlight);
            return null;
        }

        Volatile.Write(ref localSinceTick, 1);
        return ServeLocallyAsync(call, service, cancellationToken);
    }

    private async Task<HttpResult> ServeLocallyAsync(GraphQLCall call, Execution.GraphQLService service, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            // Already on the thread pool (the HTTP request's own thread), so no hop off a grain scheduler is needed.
            var result = await ServeGraphQLAsync(call, service, cancellationToken);
            Record("graphql", result, started);
            return result;
        }
        finally
        {
            Interlocked.Decrement(ref localInFlight);
        }
    }

    private void OpenLocalPath()
    {
        servingLocally = true;
        local.Add(this.GetPrimaryKey(), this);
    }

    /// <summary>Called from the watcher's tick (a grain turn): requests served outside turns still keep the project active.</summary>
    private void KeepAliveForLocalRequests()
    {
        if (Interlocked.Exchange(ref localSinceTick, 0) == 1)
        {
            DelayDeactivation(Options.IdleTimeout);
        }
    }

    /// <summary>New requests go through Orleans from now on; those already running here finish before the pool closes.</summary>
    private async Task CloseLocalPathAsync()
    {
        servingLocally = false;
        local.Remove(this.GetPrimaryKey(), this);
        var deadline = Stopwatch.GetTimestamp() + (long)(LocalDrainLimit.TotalSeconds * Stopwatch.Frequency);
        while (Volatile.Read(ref localInFlight) > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(10);
        }
    }
}
