using Microsoft.Playwright;
using Platform.Metadata;
using Platform.Metadata.Security;
using Platform.Testing.Hosting;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.Portal.Tests.Fixtures;

/// <summary>
/// Per test class: the whole platform as processes (control plane, one silo, gateway, portal) on a fresh metadata
/// database, and one headless Debian Chromium shared by the class's tests (each test opens its own context).
/// </summary>
public sealed class PortalPlatform : IAsyncLifetime
{
    private readonly List<HostProcess> hosts = [];
    private IPlaywright? playwright;

    public TestDatabase Metadata { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public HostProcess ControlPlane { get; private set; } = null!;

    public HostProcess Gateway { get; private set; } = null!;

    public HostProcess Portal { get; private set; } = null!;

    public string PortalUrl => Portal.Url;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Metadata.InitializeAsync(), PortalAssets.EnsureBuiltAsync());
        await MetadataMigrator.MigrateAsync(Metadata.ConnectionString);

        int cpPort = FreePort.Next(), gwPort = FreePort.Next(), portalPort = FreePort.Next();
        string cpUrl = $"http://127.0.0.1:{cpPort}", gwUrl = $"http://127.0.0.1:{gwPort}", portalUrl = $"http://127.0.0.1:{portalPort}";
        const string portalSecret = "portal-test-secret-0123456789";
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__Metadata"] = Metadata.ConnectionString,
            ["Platform__MasterKey"] = SecretProtector.NewMasterKey(),
            ["Platform__InternalSecret"] = "internal-" + Guid.NewGuid().ToString("N"),
            ["Platform__ControlPlane__PortalUrl"] = portalUrl,
            ["Platform__ControlPlane__GatewayUrl"] = gwUrl,
            ["Platform__ControlPlane__Portal__ClientSecret"] = portalSecret,
            ["Platform__ControlPlane__Portal__RedirectUris"] = portalUrl + "/signin-oidc",
            ["Platform__ControlPlane__Portal__PostLogoutRedirectUris"] = portalUrl + "/signout-callback-oidc",
            ["Platform__ControlPlane__AllowedOrigins"] = portalUrl,
            ["Platform__ControlPlane__AllowPrivateTenantHosts"] = "true",
            // Usage minutes are written a few seconds after they end, so the usage page can be seen with data.
            ["Platform__Usage__FlushSeconds"] = "2",
            ["Platform__ControlPlane__Deployments__AllowFileRepositories"] = "true",
            ["Platform__ControlPlaneUrl"] = cpUrl,
            ["Platform__Portal__ClientSecret"] = portalSecret,
        };

        ControlPlane = Track(HostProcess.Start("Platform.ControlPlane", cpPort, env));
        Track(HostProcess.Start("Platform.DataPlane.Silo", FreePort.Next(), env,
            $"--Platform:Silo:Port={FreePort.Next()}", $"--Platform:Silo:GatewayPort={FreePort.Next()}"));
        Gateway = Track(HostProcess.Start("Platform.Gateway", gwPort, env));
        Portal = Track(HostProcess.Start("Platform.Portal", portalPort, env));

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(ChromiumOptions.Launch);

        // Four hosts starting at once on two cores: readiness gets more time than one host alone needs.
        foreach (var h in hosts)
        {
            await h.WaitUntilAsync("/readyz", TimeSpan.FromSeconds(150));
        }
    }

    /// <summary>A fresh browser context (its own cookies) with a desktop viewport; screenshots resize it as needed.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = PortalUrl,
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        context.SetDefaultTimeout(20000);
        return await context.NewPageAsync();
    }

    /// <summary>What the hosts printed, for failure messages.</summary>
    public string Logs() => string.Join("\n\n", hosts.Select(h => $"== {h.Name}\n{string.Join('\n', h.Output.Split('\n').TakeLast(60))}"));

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        foreach (var h in hosts)
        {
            await h.DisposeAsync();
        }

        await Metadata.DisposeAsync();
    }

    private HostProcess Track(HostProcess h)
    {
        hosts.Add(h);
        return h;
    }
}
