using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Platform.ControlPlane.Deployments;
using Platform.ControlPlane.Hosting;
using Platform.ControlPlane.Identity;
using Platform.Metadata;
using Platform.Metadata.Audit;
using Platform.Metadata.Deployments;
using Platform.Metadata.Hosting;
using Platform.Metadata.Keys;
using Platform.Metadata.Projects;
using Platform.Metadata.Teams;

namespace Platform.ControlPlane.Commands;

/// <summary>
/// run.sh's demo, made through the control plane's own services, as a user would through the API: the demo user
/// (signed up, or its password reset to the one given), its personal team, the project with a live-checked
/// connection, the repository imported by a real deployment, and a fresh anon and service key (earlier ones revoked:
/// keys are stored hashed, so they cannot be shown again).
/// </summary>
public static class DemoCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        var config = builder.Configuration;
        var metadata = PostgresConnectionString.Normalize(config.GetConnectionString("Metadata")
            ?? throw new InvalidOperationException("ConnectionStrings:Metadata is not configured."));
        await MetadataMigrator.MigrateAsync(metadata);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPlatformMetadata(config, "platform-demo");
        builder.Services.AddControlPlane(config, builder.Environment, web: false);
        await using var app = builder.Build();
        await IdentitySchema.EnsureAsync(app.Services, metadata);
        await OidcClients.SeedAsync(app.Services, app.Services.GetRequiredService<IOptions<ControlPlaneOptions>>().Value);

        var name = config["name"] ?? "demo";
        var email = config["email"] ?? "demo@example.com";
        var password = config["password"] ?? config["Platform:DemoPassword"] ?? throw new InvalidOperationException("--password (or Platform__DemoPassword) is required");
        var tenant = config["database-url"] ?? throw new InvalidOperationException("--database-url is required");
        var settings = config["settings"] is { Length: > 0 } file ? ProjectSettings.Parse(await File.ReadAllTextAsync(file)) : new ProjectSettings();
        if (settings.Jwt is { Secret: null } jwt && config["Platform:DemoJwtSecret"] is { Length: > 0 } secret)
        {
            settings = settings with { Jwt = jwt with { Secret = secret } };
        }

        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var (user, teamId) = await UserAsync(sp, email, password);
        var actor = new AuditActor("user", user.Id.ToString(), email);

        var normalized = PostgresConnectionString.Normalize(tenant);
        var check = await sp.GetRequiredService<TenantConnectionCheck>().CheckAsync(normalized, null, CancellationToken.None);
        if (!check.Ok)
        {
            await Console.Error.WriteLineAsync($"demo: the database connection was refused: {check.Code}: {check.Message}");
            return 1;
        }

        var projects = sp.GetRequiredService<ProjectAdminStore>();
        var audit = sp.GetRequiredService<AuditStore>();
        Guid projectId;
        if (await projects.FindByNameAsync(name) is { } existing)
        {
            if (existing.TeamId != teamId && !await projects.AdoptAsync(existing.Id, teamId))
            {
                await Console.Error.WriteLineAsync($"demo: a project named '{name}' belongs to another team");
                return 1;
            }

            projectId = existing.Id;
            await projects.UpdateConnectionAsync(projectId, normalized, check.ServerVersion);
            await projects.ReplaceSettingsAsync(projectId, settings);
        }
        else
        {
            projectId = await projects.CreateAsync(teamId, name, normalized, check.ServerVersion, settings)
                ?? throw new InvalidOperationException("the demo project name was taken concurrently");
            await audit.WriteAsync(teamId, projectId, actor, "project.created", new AuditTarget("project", projectId.ToString(), name));
        }

        if (config["repo"] is { Length: > 0 } repo && !await DeployAsync(sp, projectId, repo, email))
        {
            return 1;
        }

        var keys = sp.GetRequiredService<ApiKeyStore>();
        await keys.RevokeAllAsync(projectId);
        var anon = await keys.IssueAsync(projectId, ApiKeyRole.Anon, "demo anon");
        var service = await keys.IssueAsync(projectId, ApiKeyRole.Service, "demo service");
        await audit.WriteAsync(teamId, projectId, actor, "key.created", new AuditTarget("key", anon.Id.ToString(), "demo anon"));
        await audit.WriteAsync(teamId, projectId, actor, "key.created", new AuditTarget("key", service.Id.ToString(), "demo service"));
        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new
        {
            projectId,
            teamId,
            anonKey = anon.Key,
            serviceKey = service.Key,
            demoUser = new { email, password },
            cliClientId = OidcClients.Cli,
            portalClientId = OidcClients.Portal,
        }));
        return 0;
    }

    private static async Task<(PlatformUser User, Guid TeamId)> UserAsync(IServiceProvider sp, string email, string password)
    {
        var users = sp.GetRequiredService<UserManager<PlatformUser>>();
        var teams = sp.GetRequiredService<TeamStore>();
        if (await users.FindByEmailAsync(email) is not { } user)
        {
            var outcome = await sp.GetRequiredService<AccountService>().SignUpAsync(email, password, "Demo user", CancellationToken.None);
            if (outcome.Errors is { } errors)
            {
                throw new InvalidOperationException("demo user: " + string.Join("; ", errors.SelectMany(e => e.Value)));
            }

            user = outcome.User!;
            return (user, outcome.PersonalTeam!.Id);
        }

        // A re-run keeps the account and its teams; the password printed is the one in the state directory.
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded)
        {
            throw new InvalidOperationException("demo user: " + string.Join("; ", reset.Errors.Select(e => e.Description)));
        }

        await users.SetLockoutEndDateAsync(user, null);
        var page = await teams.ListForUserAsync(user.Id, 200, null, null);
        var personal = page.Items.FirstOrDefault(t => t.Personal && t.Role == TeamRole.Owner)
            ?? await teams.CreateAsync("Demo user's team", personal: true, user.Id);
        return (user, personal.Id);
    }

    /// <summary>Registers the repository and runs one deployment here and now (the same runner Hangfire calls).</summary>
    private static async Task<bool> DeployAsync(IServiceProvider sp, Guid projectId, string repo, string email)
    {
        var repos = sp.GetRequiredService<RepositoryStore>();
        var deployments = sp.GetRequiredService<DeploymentStore>();
        var record = await repos.SetAsync(projectId, repo, "main", "", null);
        if (!record.WebhookSecretSet)
        {
            await repos.RotateWebhookSecretAsync(projectId);
        }

        var d = await deployments.CreateAsync(projectId, "import", "main", null, email);
        await sp.GetRequiredService<DeploymentRunner>().RunAsync(d.Id, CancellationToken.None);
        var done = (await deployments.GetAsync(d.Id))!;
        if (done.Status == "succeeded")
        {
            return true;
        }

        await Console.Error.WriteLineAsync($"demo: the import deployment failed ({done.ErrorCode}): {done.ErrorMessage}");
        foreach (var line in await deployments.LogAsync(d.Id, 0))
        {
            await Console.Error.WriteLineAsync("  " + line.Text);
        }

        return false;
    }
}
