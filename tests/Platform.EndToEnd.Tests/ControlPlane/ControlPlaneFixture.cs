using System.Text.Json;
using Platform.EndToEnd.Tests.Fixtures;
using Platform.Testing.Hosting;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.EndToEnd.Tests.ControlPlane;

/// <summary>
/// The control plane, one silo and one gateway as processes on a metadata database of their own, started once per
/// test class, with deployment limits small enough for hostile repositories to hit quickly. A signed-in user with a
/// personal access token and a team is ready for the tests.
/// </summary>
public sealed class ControlPlaneFixture : IAsyncLifetime
{
    private readonly TestDatabase metadata = new();
    private readonly List<IAsyncDisposable> owned = [];
    private PlatformHosts hosts = null!;

    public ControlPlaneApi Api { get; private set; } = null!;

    public HostProcess ControlPlane { get; private set; } = null!;

    public string GatewayUrl => hosts.Gateway.Url;

    public TestDatabase Metadata => metadata;

    /// <summary>A personal access token of the fixture's user, owner of <see cref="TeamId"/>.</summary>
    public string Token { get; private set; } = "";

    public Guid TeamId { get; private set; }

    public async Task InitializeAsync()
    {
        await metadata.InitializeAsync();
        hosts = await PlatformHosts.StartAsync(metadata, silos: 1, environment: new Dictionary<string, string>
        {
            ["Platform__ControlPlane__Deployments__MigrationTimeoutSeconds"] = "3",
            ["Platform__ControlPlane__Deployments__MaxFiles"] = "200",
            ["Platform__ControlPlane__Deployments__MaxCheckoutBytes"] = "3000000",
            ["Platform__ControlPlane__Deployments__CloneTimeoutSeconds"] = "60",
            // Usage and key use are written a few seconds after a minute ends, not the default ten.
            ["Platform__Usage__FlushSeconds"] = "2",
        });
        ControlPlane = hosts.StartControlPlane();
        await ControlPlane.WaitUntilAsync("/api", TimeSpan.FromSeconds(120));
        Api = new ControlPlaneApi(ControlPlane.Url);
        var access = await Api.SignUpAndSignInAsync("owner-" + Guid.NewGuid().ToString("N")[..8] + "@example.com");
        var (_, pat, _) = await Api.PostAsync("/api/tokens", access, new { name = "tests" });
        Token = pat.GetProperty("token").GetString()!;
        var (_, team, _) = await Api.PostAsync("/api/teams", Token, new { name = "Tests" });
        TeamId = team.GetProperty("id").GetGuid();
    }

    /// <summary>A project of the fixture's team on a fresh tenant database, with the repository registered when given.</summary>
    public async Task<(Guid ProjectId, TenantDatabase Tenant)> CreateProjectAsync(GitRepository? repo = null)
    {
        var tenant = await TenantDatabase.CreateAsync();
        owned.Add(tenant);
        var (status, project, _) = await Api.PostAsync($"/api/teams/{TeamId}/projects", Token,
            new { name = "p-" + Guid.NewGuid().ToString("N")[..10], connectionString = tenant.ConnectionString });
        Assert.True(status == 201, $"project creation answered {status}: {project}");
        var id = project.GetProperty("id").GetGuid();
        if (repo is not null)
        {
            var (s, body, _) = await Api.SendAsync(HttpMethod.Put, $"/api/projects/{id}/repository", Token, new { url = repo.Url, branch = "main" });
            Assert.True(s == 200, $"repository answered {s}: {body}");
        }

        return (id, tenant);
    }

    /// <summary>Starts a deployment and waits for its end; returns the finished deployment.</summary>
    public async Task<JsonElement> DeployAsync(Guid projectId)
    {
        var (status, d, _) = await Api.PostAsync($"/api/projects/{projectId}/deployments", Token);
        Assert.True(status == 202, $"deployment answered {status}: {d}");
        return await WaitForDeploymentAsync(projectId, d.GetProperty("id").GetGuid());
    }

    public async Task<JsonElement> WaitForDeploymentAsync(Guid projectId, Guid deploymentId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var (_, d, _) = await Api.GetAsync($"/api/projects/{projectId}/deployments/{deploymentId}", Token);
            if (d.GetProperty("status").GetString() is "succeeded" or "failed")
            {
                return d;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"deployment {deploymentId} did not finish:\n{ControlPlane.Output}");
    }

    public async Task DisposeAsync()
    {
        foreach (var o in owned)
        {
            await o.DisposeAsync();
        }

        await hosts.DisposeAsync();
        await metadata.DisposeAsync();
    }
}
