using Microsoft.Playwright;
using Platform.Testing.Hosting;
using Xunit;

namespace Platform.Portal.Tests.Fixtures;

/// <summary>
/// The portal alone, its control plane unreachable (a closed port): what a visitor sees before signing in, and the
/// portal's own guards, need nothing else. One browser for the class.
/// </summary>
public sealed class PortalOnly : IAsyncLifetime
{
    private IPlaywright? playwright;

    public HostProcess Portal { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await PortalAssets.EnsureBuiltAsync();
        Portal = HostProcess.Start("Platform.Portal", FreePort.Next(), new Dictionary<string, string>
        {
            ["Platform__ControlPlaneUrl"] = $"http://127.0.0.1:{FreePort.Next()}",
        });
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(ChromiumOptions.Launch);
        await Portal.WaitUntilAsync("/healthz", TimeSpan.FromSeconds(60));
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Portal.Url, ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });
        context.SetDefaultTimeout(20000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (Portal is not null)
        {
            await Portal.DisposeAsync();
        }
    }
}
