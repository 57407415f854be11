using Platform.Metadata.Deployments;

namespace Platform.ControlPlane.Deployments;

/// <summary>A deployment's log, written line by line as it happens so the stream endpoint can follow it.</summary>
public sealed class DeploymentLog(DeploymentStore store, Guid deploymentId, ILogger log)
{
    private int seq;

    public async Task WriteAsync(string line)
    {
        log.LogInformation("Deployment {DeploymentId}: {Line}", deploymentId, line);
        // The job's own cancellation must not lose the line saying why it stopped.
        await store.AppendLogAsync(deploymentId, Interlocked.Increment(ref seq), line, CancellationToken.None);
    }
}
