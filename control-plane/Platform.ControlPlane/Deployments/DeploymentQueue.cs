using Hangfire;
using Hangfire.States;
using Platform.ControlPlane.Api;
using Platform.Metadata.Audit;
using Platform.Metadata.Deployments;

namespace Platform.ControlPlane.Deployments;

/// <summary>Records a deployment as queued and hands it to Hangfire. The job's only argument is the deployment id: no secret ever reaches Hangfire's tables.</summary>
public sealed class DeploymentQueue(IBackgroundJobClient jobs, DeploymentStore deployments, RepositoryStore repositories, AuditStore audit)
{
    public const string Queue = "deployments";

    public async Task<DeploymentRecord> EnqueueAsync(Guid projectId, Guid? teamId, string trigger, string? commit, AuditActor actor, CancellationToken ct)
    {
        var repo = await repositories.GetAsync(projectId, ct)
            ?? throw ApiException.Conflict("REPOSITORY_NOT_CONFIGURED", "Register a repository for the project first.");
        var deployment = await deployments.CreateAsync(projectId, trigger, repo.Branch, commit, actor.Name ?? actor.Id, ct);
        jobs.Create<DeploymentRunner>(r => r.RunAsync(deployment.Id, CancellationToken.None), new EnqueuedState(Queue));
        await audit.WriteAsync(teamId, projectId, actor, "deployment.started", new AuditTarget("deployment", deployment.Id.ToString(), null),
            new System.Text.Json.Nodes.JsonObject { ["trigger"] = trigger, ["branch"] = repo.Branch }, ct);
        return deployment;
    }
}
