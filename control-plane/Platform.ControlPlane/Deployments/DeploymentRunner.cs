using Hangfire;
using Microsoft.Extensions.Options;
using Platform.ControlPlane.Hosting;
using Platform.Metadata.Audit;
using Platform.Metadata.Deployments;
using Platform.Metadata.Projects;

namespace Platform.ControlPlane.Deployments;

/// <summary>
/// One deployment, start to end: clone, read, migrate, store the project file's settings, reload the data plane.
/// Every failure ends the deployment as failed with a code and a reason in its record and its log; nothing throws
/// out of <see cref="RunAsync"/>, so Hangfire never retries a half-done deployment on its own.
/// </summary>
public sealed class DeploymentRunner(
    DeploymentStore deployments,
    RepositoryStore repositories,
    ProjectAdminStore projects,
    AuditStore audit,
    SiloReloader reloader,
    IOptions<ControlPlaneOptions> options,
    ILogger<DeploymentRunner> logger)
{
    [AutomaticRetry(Attempts = 0)]
    [Queue(DeploymentQueue.Queue)]
    public async Task RunAsync(Guid deploymentId, CancellationToken ct)
    {
        if (await deployments.GetAsync(deploymentId, ct) is not { } deployment || !await deployments.StartAsync(deploymentId, ct))
        {
            return;
        }

        var log = new DeploymentLog(deployments, deploymentId, logger);
        var applied = new List<string>();
        var limits = options.Value.Deployments;
        var project = await projects.GetAsync(deployment.ProjectId, ct);
        try
        {
            var repo = await repositories.GetAsync(deployment.ProjectId, ct)
                ?? throw new DeploymentFailedException("REPOSITORY_NOT_CONFIGURED", "The project has no repository.");
            var credentials = await repositories.CredentialsAsync(deployment.ProjectId, ct);
            await log.WriteAsync($"Deployment {deploymentId} ({deployment.Trigger}) of {GitCheckout.Redact(repo.Url)}, branch {repo.Branch}, folder '{repo.Folder}'.");

            using var checkout = await GitCheckout.CloneAsync(repo.Url, repo.Branch, credentials, limits, log, ct);
            await deployments.SetCommitAsync(deploymentId, checkout.Commit, ct);
            var content = RepositoryContent.Read(checkout.Path, repo.Folder, limits);
            await log.WriteAsync(content.Settings is null
                ? $"No {RepositoryContent.ProjectFile}: the project's settings stay as they are."
                : $"Read {RepositoryContent.ProjectFile}.");

            if (content.Settings is { Jwt: { TokenType.Length: > 0, Secret: null } }
                && await projects.GetSettingsAsync(deployment.ProjectId, ct) is { JwtSecretSet: false })
            {
                throw new DeploymentFailedException("PROJECT_FILE_INVALID",
                    $"{RepositoryContent.ProjectFile} sets jwt.tokenType, which signs tokens with the project's JWT secret, and none is stored: set jwt.secret in the project's settings first.");
            }

            var tenant = await projects.ConnectionStringAsync(deployment.ProjectId, ct)
                ?? throw new DeploymentFailedException("PROJECT_GONE", "The project was deleted.");
            var owner = content.Settings?.OwnerRole ?? (await projects.GetSettingsAsync(deployment.ProjectId, ct))?.Settings.OwnerRole;
            // The same host policy as the silos', connecting to the addresses it checked (decision 0085).
            var hosts = await options.Value.HostGuard().CheckAsync(tenant, ct);
            if (hosts.Refused)
            {
                throw new DeploymentFailedException(hosts.Code!, hosts.Reason!);
            }

            await MigrationRunner.ApplyAsync(tenant, hosts, owner, content.Migrations, deploymentId, limits.MigrationTimeoutSeconds, log, applied, ct);

            if (content.Settings is { } settings)
            {
                await projects.ReplaceSettingsAsync(deployment.ProjectId, settings, ct);
                await log.WriteAsync("Stored the project's settings.");
            }

            await log.WriteAsync(await reloader.ReloadAsync(deployment.ProjectId, ct)
                ? "Reloaded the project's schema."
                : "No running silo had the project to reload; it reads the new schema when it activates.");
            await deployments.FinishAsync(deploymentId, applied, null, null, CancellationToken.None);
            await log.WriteAsync($"Succeeded: {applied.Count} migrations applied.");
            await AuditAsync(project, deployment, "deployment.succeeded", applied, null);
        }
        catch (Exception e)
        {
            var (code, message) = e switch
            {
                DeploymentFailedException f => (f.Code, f.Message),
                OperationCanceledException => ("DEPLOYMENT_CANCELLED", "The control plane stopped during the deployment."),
                _ => ("INTERNAL_ERROR", "The deployment failed on the platform's side."),
            };
            if (e is not DeploymentFailedException)
            {
                logger.LogError(e, "Deployment {DeploymentId} failed", deploymentId);
            }

            if (applied.Count > 0)
            {
                // Migrations applied before the failure stay: each committed on its own and is recorded.
                await reloader.ReloadAsync(deployment.ProjectId, CancellationToken.None);
            }

            await log.WriteAsync($"Failed ({code}): {message}");
            await deployments.FinishAsync(deploymentId, applied, code, message, CancellationToken.None);
            await AuditAsync(project, deployment, "deployment.failed", applied, code);
        }
    }

    private Task AuditAsync(ProjectSummary? project, DeploymentRecord d, string action, List<string> applied, string? code) =>
        audit.WriteAsync(project?.TeamId, d.ProjectId, AuditActor.System, action, new AuditTarget("deployment", d.Id.ToString(), null),
            new System.Text.Json.Nodes.JsonObject
            {
                ["migrationsApplied"] = new System.Text.Json.Nodes.JsonArray([.. applied.Select(a => (System.Text.Json.Nodes.JsonNode?)a)]),
                ["errorCode"] = code,
            },
            CancellationToken.None);
}
